"""Arrow types and column lists of the tables, derived from the table spec (schemas/spec.py)."""
from __future__ import annotations

import pyarrow as pa

from schemas.spec import FIELDS as SPEC_FIELDS
from schemas.spec import CLUSTER_IDS, CONSOLIDATION, LINKED_CLUSTERS, MENTION_ONLY, TABLES, Table, describe
from schemas.vocabularies import VOCABULARIES

ISO3 = frozenset(VOCABULARIES["iso3"].values)
ISO4217 = frozenset(VOCABULARIES["iso4217"].values)
VOCAB: dict[str, list[str]] = {name: v.values for name, v in VOCABULARIES.items() if not v.standard}

STR, INT, FLOAT, DATE, LIST = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.list_(pa.string())
ARROW_OF_TYPE = {"string": STR, "integer": INT, "number": FLOAT, "date": DATE, "list": LIST}

# name -> (arrow type, description)
FIELDS: dict[str, tuple[pa.DataType, str]] = {
    name: (ARROW_OF_TYPE[f.type], f.description) for name, f in SPEC_FIELDS.items()}

DATED = ["date_start", "date_end", "date_precision", "date_text", "date_source", "date_edtf"]
COMMON = ["article_id", "char_start", "char_end", "evidence"]

COLUMNS: dict[str, list[str]] = {name: t.column_names for name, t in TABLES.items()}



def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a table of the spec."""
    return pa.schema([pa.field(c.name, ARROW_OF_TYPE[SPEC_FIELDS[c.name].type]) for c in table.columns])


ARROW_TYPES: dict[str, pa.Schema] = {name: arrow_schema(t) for name, t in TABLES.items()}

__all__ = ["ARROW_TYPES", "CLUSTER_IDS", "COLUMNS", "CONSOLIDATION", "DATED", "FIELDS", "ISO3", "ISO4217", "LINKED_CLUSTERS", "MENTION_ONLY", "VOCAB", "describe"]
