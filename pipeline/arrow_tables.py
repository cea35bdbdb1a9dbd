"""Table rows as Arrow in the published schema: from a frame (the validated tables) or from Python
values per column (the parts batches write)."""
from __future__ import annotations

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
