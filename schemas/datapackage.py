"""datapackage.json (Frictionless Data Package) generated from the table spec."""
from __future__ import annotations

from schemas.spec import FIELDS, TABLES, describe, vocabulary_name, vocabulary_of

NAME = "bilateral-relations"
TITLE = "Relations between states extracted from news articles"
DESCRIPTION = ("Visits, signed documents, trade and money figures and a timeline of events between states, "
               "extracted from news articles; every row quotes the sentence that states it.")
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
TEXT_POLICIES = ("full", "snippet", "none")
# What each policy withholds, by the spec's Field.text kind.
WITHHELD = {"full": frozenset(), "snippet": frozenset({"article"}), "none": frozenset({"article", "quote"})}
_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date", "list": "any"}
# How pyarrow hands a null integer or number to the validator (as a float NaN).
_NUMERIC_MISSING = ["", "nan"]
ARTICLES_SOURCE = "News articles (see the articles table)"  # the source when no article names its outlet


def withheld(column: str, text_policy: str) -> bool:
    """Whether the text policy publishes this column as nulls."""
    return FIELDS[column].text in WITHHELD[text_policy]


def field_descriptor(table: str, column: str, text_policy: str = "full") -> dict:
    spec = TABLES[table].column(column)
    f = FIELDS[column]
    out: dict = {"name": column, "type": _TYPES[f.type], "description": describe(column, table)}
    if f.type == "list":
        # Parquet lists reach the validator as arrays it cannot type as `array`: declared `any`, with
        # what they hold said here for people and tools.
        out["x-list-of"] = "string"
    if f.unit:
        out["unit"] = f.unit
    if f.type in ("integer", "number") and spec.nullable:
        out["missingValues"] = _NUMERIC_MISSING
    constraints: dict = {}
    if not spec.nullable and not withheld(column, text_policy):
        constraints["required"] = True
    if spec.unique:
        constraints["unique"] = True
    vocab = vocabulary_name(table, column)
    if vocab:
        if f.type == "list":
            out["x-items-enum"] = vocab
        else:
            constraints["enum"] = vocabulary_of(table, column)
    for key, value in (("minimum", spec.minimum), ("maximum", spec.maximum), ("minLength", spec.min_length),
                       ("maxLength", spec.max_length)):
        if value is not None:
            constraints[key] = value
    if spec.pattern is not None:  # the validator anchors patterns itself
        constraints["pattern"] = spec.pattern.removeprefix("^").removesuffix("$")
    if constraints:
        out["constraints"] = constraints
    return out


def schema_descriptor(table: str, text_policy: str = "full") -> dict:
    t = TABLES[table]
    schema: dict = {"fields": [field_descriptor(table, c.name, text_policy) for c in t.columns]}
    if t.primary_key:
        schema["primaryKey"] = [t.primary_key]
    fks = [{"fields": [col], "reference": {"resource": "" if other == table else other, "fields": [ref]}}
           for col, other, ref in t.all_foreign_keys()]
    if fks:
        schema["foreignKeys"] = fks
    return schema


def datapackage(files: dict[str, list[str]], *, version: str, created: str, text_policy: str = "full",
                sources: list[dict] | None = None, extra: dict | None = None) -> dict:
    """The descriptor of a dataset whose tables are `files` (table -> its Parquet files, relative)."""
    resources = []
    for name, paths in files.items():
        t = TABLES[name]
        schema = schema_descriptor(name, text_policy)
        # a foreign key to a table that is not published cannot be checked
        fks = [fk for fk in schema.pop("foreignKeys", []) if fk["reference"]["resource"] in ("", *files)]
        if fks:
            schema["foreignKeys"] = fks
        resources.append({"name": name, "title": t.title, "description": t.description,
                          "path": paths[0] if len(paths) == 1 else paths, "format": "parquet",
                          "mediatype": "application/vnd.apache.parquet", "schema": schema})
    return {"name": NAME, "title": TITLE, "description": DESCRIPTION, "version": version, "created": created,
            "licenses": [LICENSE],
            "sources": sources or [{"title": ARTICLES_SOURCE}],
            "contributors": [{"title": "bilateral-pipeline (the extraction software)", "role": "wrangler"}],
            "keywords": ["diplomacy", "bilateral relations", "events", "news"],
            "x-text-policy": text_policy, **(extra or {}), "resources": resources}
