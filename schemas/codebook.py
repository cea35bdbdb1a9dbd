"""CODEBOOK.md generated from the table spec: every table, column and vocabulary value with its meaning.
`python -m schemas.codebook > docs/CODEBOOK.md` renders the repository's copy."""
from __future__ import annotations

from schemas.datapackage import TEXT_POLICIES, withheld
from schemas.spec import FIELDS, TABLES, describe, vocabulary_name
from schemas.cameo import CAMEO, INTENT_OF_ROOT, SOURCES, cameo_of
from schemas.reference_data import reference_section
from schemas.vocabularies import EVENT_CROSSWALK, PLOVER_INTENT, VOCABULARIES

_TYPE_WORDS = {"string": "text", "integer": "integer", "number": "number", "date": "date (ISO 8601)",
               "list": "list of text"}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _constraints(table: str, column: str) -> str:
    c = TABLES[table].column(column)
    parts = []
    if c.unique:
        parts.append("unique")
    if c.minimum is not None:
        parts.append(f">= {c.minimum}")
    if c.maximum is not None:
        parts.append(f"<= {c.maximum}")
    if c.min_length is not None:
        parts.append(f"length >= {c.min_length}")
    if c.max_length is not None:
        parts.append(f"length <= {c.max_length}")
    if c.pattern is not None:
        parts.append(f"matches `{c.pattern}`")
    vocab = vocabulary_name(table, column)
    if vocab:
        v = VOCABULARIES[vocab]
        parts.append(v.standard if v.standard else f"one of [{vocab}](#vocabulary-{vocab.replace('_', '-')})")
    parts.extend(c.checks)
    return ", ".join(parts)


def _table_section(name: str) -> list[str]:
    t = TABLES[name]
    lines = [f"## Table `{name}`", "", f"**{t.title}.** {t.description}", ""]
    keys = []
    if t.primary_key:
        keys.append(f"primary key `{t.primary_key}`")
    for col, other, ref in t.all_foreign_keys():
        keys.append(f"`{col}` → `{other}.{ref}`")
    if keys:
        lines += ["Keys: " + "; ".join(keys) + ".", ""]
    if t.checks:
        lines += ["Row checks: " + ", ".join(f"`{c}`" for c in t.checks) + ".", ""]
    lines += ["| column | type | null | unit | constraints | description |",
              "| --- | --- | --- | --- | --- | --- |"]
    for c in t.columns:
        f = FIELDS[c.name]
        null = "yes" if c.nullable else "no"
        policies = [p for p in TEXT_POLICIES if withheld(c.name, p)]
        if policies and not c.nullable:
            null = f"with --text {' or '.join(policies)}"
        lines.append(f"| `{c.name}` | {_TYPE_WORDS[f.type]} | {null} | {_cell(f.unit or '')} | "
                     f"{_cell(_constraints(name, c.name))} | {_cell(describe(c.name, name))} |")
    return [*lines, ""]


def _vocabulary_section(name: str) -> list[str]:
    v = VOCABULARIES[name]
    users = [f"`{t}.{c.name}`" for t, spec in TABLES.items() for c in spec.columns
             if vocabulary_name(t, c.name) == name]
    lines = [f"### Vocabulary `{name}`", "", f"{v.description} Used by {', '.join(users)}.", ""]
    if v.standard:
        return [*lines, f"The codes of {v.standard} ({len(v.values)} values, as the `pycountry` package lists "
                        "them).", ""]
    limits = bool(v.not_counted)
    lines += ["| value | meaning | example |" + (" does not count | example of what does not |" if limits else ""),
              "| --- | --- | --- |" + (" --- | --- |" if limits else "")]
    for value, (meaning, example) in v.terms.items():
        row = f"| `{value}` | {_cell(meaning)} | {_cell(example)} |"
        if limits:
            not_it, not_example = v.not_counted.get(value, ("", ""))
            row += f" {_cell(not_it)} | {_cell(not_example)} |"
        lines.append(row)
    return [*lines, ""]


def _cameo_cell(code: str | None, status: str) -> str:
    c = cameo_of(code, status)
    return "(null)" if c is None else f"{c.code} {c.name} ({c.goldstein:+.1f}, quad {c.quad_class})"


def _crosswalk_section() -> list[str]:
    """event_type -> PLOVER category and mode, CAMEO code and direction: the table the extractor fills
    plover_type, plover_mode, the CAMEO columns, source_country and target_country from."""
    intents = ", ".join(f"{root} → {code} {CAMEO[code].name}" for root, code in INTENT_OF_ROOT.items())
    lines = ["### Crosswalk `event_type` → PLOVER and CAMEO", "",
             "How `events.plover_type`, `events.plover_mode`, `events.cameo_code` (with `cameo_root`, `goldstein` "
             "and `quad_class`), `events.source_country` and `events.target_country` are filled: each event type's "
             "own code, or the code of the case its evidence or links say (the variant), and its status. Nearest, "
             "not one to one: PLOVER and CAMEO code a sentence by its verb and actors, this table by the event it "
             "records.", "",
             "CAMEO by status: an event that occurred or is under way gets the act's code; a planned one, or one "
             "announced and then called off (`cancelled`), the intent to do it, the \"express intent\" code of "
             f"the act's root ({intents}); other roots keep their code. A visit is coded from the visitor's side: "
             "042 Make a visit, source the visitor's state, target the host (043 Host a visit is the host's view of "
             "the same event and gives no second row). Goldstein and quad class are the code's, in brackets.", "",
             f"Sources: {SOURCES}", "",
             "| event_type | case | plover_type | plover_mode | CAMEO (occurred, ongoing) | CAMEO (planned, "
             "cancelled) | source_country → target_country |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for etype, codes in EVENT_CROSSWALK.items():
        for code in codes.values():
            lines.append(f"| `{etype}` | {_cell(code.when)} | {code.plover_type or '(null)'} | "
                         f"{code.plover_mode or '(null)'} | {_cell(_cameo_cell(code.cameo, 'occurred'))} | "
                         f"{_cell(_cameo_cell(code.cameo, 'planned'))} | {_cell(code.direction or '(null)')} |")
    c = PLOVER_INTENT
    lines.append(f"| any | {_cell(c.when)} | {c.plover_type} | (null) | as its case | as its case | as its case |")
    return [*lines, ""]


def render_codebook() -> str:
    """The codebook as Markdown (the same for every dataset: it depends on the spec only)."""
    used = []
    for t, spec in TABLES.items():
        for c in spec.columns:
            v = vocabulary_name(t, c.name)
            if v and v not in used:
                used.append(v)
    lines = ["# Codebook", "",
             "Every table, column and allowed value of the dataset. Generated from the table spec "
             "(`schemas/spec.py` and `schemas/vocabularies.py` of the pipeline); do not edit by hand.", "",
             "Conventions: ids are deterministic hashes (the same input gives the same ids); dates are "
             "intervals (`date_start`..`date_end`, both inclusive) with a `date_precision`; `char_start` and "
             "`char_end` index `articles.text` in Unicode code points, end exclusive; country codes are "
             "ISO 3166-1 alpha-3, currency codes ISO 4217; lists are sorted where the description says so.",
             "", "Tables: " + ", ".join(f"[`{t}`](#table-{t.replace('_', '-')})" for t in TABLES) + ".", ""]
    for name in TABLES:
        lines += _table_section(name)
    lines += ["## Vocabularies", "",
              "Example phrases are invented; the names in them are not real states.", ""]
    for name in used:
        lines += _vocabulary_section(name)
    lines += _crosswalk_section()
    lines += reference_section()
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_codebook(), end="")
