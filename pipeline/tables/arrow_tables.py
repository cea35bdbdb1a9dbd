"""Table rows as Arrow in the published schema: from a frame (the validated tables) or from Python
values per column (the parts batches write)."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa

from schemas.fields import ARROW_TYPES


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """A table's frame as Arrow, in the published schema."""
    schema = ARROW_TYPES[name]
    columns = {f.name: (df[f.name].tolist() if f.name in df else [None] * len(df)) for f in schema}
    return arrow_from_columns(name, columns)


def arrow_from_columns(name: str, columns: dict[str, list]) -> pa.Table:
    """Arrow table in the published schema from Python values per column (missing and NaN -> null)."""
    schema = ARROW_TYPES[name]
    arrays = []
    for field in schema:
        values = [None if (v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA) else v
                  for v in columns[field.name]]
        if pa.types.is_list(field.type):
            values = [list(v) if v is not None else None for v in values]
        if pa.types.is_integer(field.type):
            values = [int(v) if v is not None else None for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def with_pandas_metadata(table: pa.Table) -> pa.Table:
    """`table` with the pandas metadata that `pd.read_parquet` follows: integers load as the nullable
    Int64 (a null year stays an integer column, not float). Dates stay `datetime.date` objects: as
    `date32[pyarrow]` they had `.dt`, but pandas' own `to_json` cannot write that type (NotImplementedError),
    so a notebook's first export would fail. The same bytes for the same table: no versions."""
    columns = []
    for f in table.schema:
        if pa.types.is_integer(f.type):
            pandas_type, numpy_type = "int64", "Int64"
        else:
            continue  # strings, floats, dates and lists load as pandas reads them anyway
        columns.append({"name": f.name, "field_name": f.name, "pandas_type": pandas_type,
                        "numpy_type": numpy_type, "metadata": None})
    meta = {"index_columns": [], "column_indexes": [], "columns": columns}
    return table.replace_schema_metadata({**(table.schema.metadata or {}),
                                          b"pandas": json.dumps(meta, sort_keys=True).encode()})
