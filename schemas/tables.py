"""One Pandera schema per validated table, generated from the table spec."""
from __future__ import annotations

import pandera.pandas as pa

from schemas.datapackage import withheld
from schemas.checks import COLUMN_CHECKS, ROW_CHECKS, is_date, is_list
from schemas.spec import FIELDS, TABLES, Table, describe, vocabulary_of

_DTYPES = {"string": str, "integer": "int64", "number": "float64", "date": object, "list": object}


def _column(table: Table, name: str, text_policy: str = "full") -> pa.Column:
    col = table.column(name)
    if withheld(name, text_policy):  # published as nulls under this policy
        return pa.Column(object, nullable=True, description=describe(name, table.name), title=name)
    field = FIELDS[name]
    checks: list[pa.Check] = []
    if col.minimum is not None:
        checks.append(pa.Check.ge(col.minimum))
    if col.maximum is not None:
        checks.append(pa.Check.le(col.maximum))
    if col.min_length is not None or col.max_length is not None:
        checks.append(pa.Check.str_length(col.min_length, col.max_length))
    if col.pattern is not None:
        checks.append(pa.Check.str_matches(col.pattern))
    values = vocabulary_of(table.name, name)
    if values is not None and field.type != "list":
        checks.append(pa.Check.isin(values))
    if field.type == "date":
        checks.append(pa.Check(is_date, name="is_date"))
    if field.type == "list":
        checks.append(pa.Check(is_list, name="is_list"))
    for check in col.checks:
        checks.append(pa.Check(COLUMN_CHECKS[check](table.column_names), name=check))
    dtype = "Int64" if field.type == "integer" and col.nullable else _DTYPES[field.type]
    return pa.Column(dtype, checks=checks, nullable=col.nullable, unique=col.unique,
                     description=describe(name, table.name), title=name)


def schema_of(table: Table, text_policy: str = "full") -> pa.DataFrameSchema:
    """The Pandera schema of a table of the spec; with a `text_policy`, of the table as published
    under it (the withheld text columns null), e.g. to re-check a published dataset."""
    checks = [pa.Check(ROW_CHECKS[c][0], name=c, description=ROW_CHECKS[c][1]) for c in table.checks]
    return pa.DataFrameSchema({c.name: _column(table, c.name, text_policy) for c in table.columns}, checks=checks,
                              name=table.name, strict=False)


SCHEMAS: dict[str, pa.DataFrameSchema] = {name: schema_of(t) for name, t in TABLES.items() if t.validated}

ArticlesSchema = SCHEMAS["articles"]
VisitsSchema = SCHEMAS["visits"]
DocumentsSchema = SCHEMAS["documents"]
TradeSchema = SCHEMAS["trade"]
EventsSchema = SCHEMAS["events"]
DiagnosticsSchema = SCHEMAS["diagnostics"]
RejectedInputsSchema = SCHEMAS["rejected_inputs"]
