"""Table name -> schema, id column and the keys its ids hash, from the table spec (schemas/spec.py).
Publishing, validation and assembling loop over this."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemas.spec import TABLES as SPEC
from schemas.tables import SCHEMAS


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: Any  # a Pandera DataFrameSchema or DataFrameModel (anything with validate(df, lazy=True)), or None
    id_column: str | None
    key_fields: tuple[str, ...] = ()
    key_fallbacks: dict[str, str] = field(default_factory=dict)  # key field -> the field hashed when it is null


TABLES: dict[str, TableSpec] = {
    name: TableSpec(name, SCHEMAS.get(name), t.primary_key, t.id_keys, t.id_fallbacks)
    for name, t in SPEC.items()}
FACT_TABLES = tuple(name for name, t in SPEC.items() if t.kind == "fact")
# What extracting one article gives: its facts, and what the rules saw but could not use.
EXTRACTED_TABLES = tuple(name for name, t in SPEC.items() if t.kind in ("fact", "diagnostic"))
# What a batch writes as parts: the articles read and what was extracted from them.
PART_TABLES = tuple(name for name, t in SPEC.items() if t.kind in ("source", "fact", "diagnostic"))
# Tables whose rows quote articles.text (checked against it by validate).
SPANNED_TABLES = EXTRACTED_TABLES
# Links between rows of one article: (table, row key holding the index of the linked row in the
# article's rows of `parent`, column that gets the linked row's id, parent).
LINKS = tuple((name, lk.ref, lk.column, lk.parent) for name, t in SPEC.items() for lk in t.links)

# Mention table -> its consolidated table (consolidation runs in this order: events use the others' clusters).
CONSOLIDATED = {name: f"{name}_consolidated" for name in FACT_TABLES}


def no_rows() -> dict[str, list[dict]]:
    """An article's rows when nothing is extracted from it."""
    return {name: [] for name in EXTRACTED_TABLES}
