"""Write the tables as Parquet, one DuckDB database and a datapackage.json, atomically.
The only stage that writes output."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from schemas.fields import ARROW_TYPES, describe

DB_NAME = "bilateral.duckdb"
_FRICTIONLESS_TYPES = {"string": "string", "int64": "integer", "double": "number", "date32[day]": "date"}


def _to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    schema = ARROW_TYPES[name]
    arrays = []
    for field in schema:
        values = df[field.name].tolist() if field.name in df else [None] * len(df)
        values = [None if (v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA) else v for v in values]
        if pa.types.is_list(field.type):
            values = [list(v) if v is not None else None for v in values]
        if pa.types.is_integer(field.type):
            values = [int(v) if v is not None else None for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def datapackage(tables: dict[str, pd.DataFrame]) -> dict:
    resources = []
    for name in tables:
        fields = []
        for f in ARROW_TYPES[name]:
            ftype = "array" if pa.types.is_list(f.type) else _FRICTIONLESS_TYPES.get(str(f.type), "string")
            fields.append({"name": f.name, "type": ftype, "description": describe(f.name)})
        resources.append({"name": name, "path": f"{name}.parquet", "format": "parquet",
                          "schema": {"fields": fields}})
    return {"name": "bilateral-relations", "title": "Relations between states extracted from news articles",
            "version": __version__, "resources": resources}


def publish(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Build everything in a temporary folder beside `out_dir`, then swap it into place:
    a crash leaves either the previous output or the new one, never a mix."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        for name, df in tables.items():
            pq.write_table(_to_arrow(name, df), tmp / f"{name}.parquet", compression="zstd")
        con = duckdb.connect(str(tmp / DB_NAME))
        try:
            for name in tables:
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(tmp / f"{name}.parquet")])
        finally:
            con.close()
        (tmp / "datapackage.json").write_text(json.dumps(datapackage(tables), indent=2) + "\n", encoding="utf-8")
        _swap(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(new: Path, out_dir: Path) -> None:
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rmdir(old)
        os.rename(out_dir, old)
    os.rename(new, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
