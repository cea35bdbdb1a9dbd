"""Write a published dataset's tables for tools without Parquet: CSV, SQLite or JSON Lines, atomically."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.base.durable import fsync, umask
from pipeline.base.errors import UsageError
from pipeline.publish.marker import MARKER, close_marker, is_ours, read_marker, remove_marked, write_marker
from pipeline.publish.output_guard import STORE_NAME, store_of
from pipeline.publish.output_lock import OutputLock

if TYPE_CHECKING:
    import pyarrow as pa
# pyarrow, pipeline.publish.read_dataset and pipeline.base.registry are imported when exporting: the command line imports
# this module for FORMATS, and its --help stays fast.

FORMATS = ("csv", "jsonl", "sqlite")
SQLITE_NAME = "bilateral.sqlite"
# What an earlier export holds besides the marker: replaced whole by the next export to the same place.
_EXPORT_FILE = re.compile(r"^[A-Za-z0-9_]+\.(csv|jsonl|sqlite)$")
_STALE_SECONDS = 3600  # a staging folder this old belongs to an export that died


@dataclass
class Exported:
    destination: Path
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def default_destination(out_dir: Path, fmt: str) -> Path:
    """Beside the dataset: `output` -> `output-csv`, `output-jsonl`, `output-sqlite`."""
    return Path(out_dir).parent / f"{Path(out_dir).name}-{fmt}"


def export(out_dir: Path, fmt: str, destination: Path | None = None, lock_timeout: float = 0.0) -> Exported:
    """Write every table of the dataset in `out_dir` as `fmt` into the folder `destination` (default
    beside it, see default_destination): CSV and JSON Lines a file per table, SQLite one
    bilateral.sqlite. List columns become JSON arrays (CSV, SQLite; JSON Lines keeps arrays), dates ISO
    strings, integers stay integers (a null is an empty CSV field, SQL NULL, JSON null; an empty string
    is a quoted "" in CSV). The folder is built beside the destination and swapped in whole, so a reader
    sees the previous export or the new one. UsageError, before any work, for a bad format, no dataset,
    or a destination that holds anything but an earlier export (never overwritten)."""
    from pipeline.publish import read_dataset

    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    tables = read_dataset.table_files(out_dir)
    dest = Path(os.path.abspath(destination or default_destination(out_dir, fmt)))
    _check_destination(dest, Path(out_dir))
    dest.parent.mkdir(parents=True, exist_ok=True)
    with OutputLock(dest.parent / f".{dest.name}.lock", lock_timeout, what=f"the export {dest}"):
        _check_destination(dest, Path(out_dir))  # again, holding the lock
        _remove_stale(dest)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.staging-", dir=dest.parent))
        try:
            write_marker(staging)
            os.chmod(staging, 0o777 & ~umask())
            result = Exported(dest)
            if fmt == "sqlite":
                result.rows = _write_sqlite(tables, staging / SQLITE_NAME)
                result.files = [SQLITE_NAME]
            else:
                for name, files in tables.items():
                    target = staging / f"{name}.{fmt}"
                    result.rows[name] = (_write_csv if fmt == "csv" else _write_jsonl)(files, target)
                    result.files.append(target.name)
            close_marker(staging)
            for f in staging.iterdir():
                fsync(f)
            _swap(staging, dest)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return result


def _check_destination(dest: Path, out_dir: Path) -> None:
    here = Path(os.path.realpath(Path.cwd()))
    shown = str(dest)
    if dest.is_symlink():
        raise UsageError(f"--to {shown} is a link; choose a folder of its own")
    real = Path(os.path.realpath(dest))
    if real == here or real in here.parents:
        raise UsageError(f"--to {shown} is the current folder or holds it; choose a folder of its own")
    out = Path(os.path.abspath(out_dir))
    dataset_places = {out, Path(os.path.realpath(out)), Path(os.path.realpath(store_of(out)))}
    if any(STORE_NAME.match(part) for part in real.parts) or any(
            real == p or p in real.parents or real in p.parents for p in dataset_places):
        raise UsageError(f"--to {shown} overlaps the dataset {out_dir}; choose a folder beside it")
    if not dest.exists():
        return
    if not dest.is_dir():
        raise UsageError(f"--to {shown} is a file, not a folder; choose another --to")
    entries = [p.name for p in dest.iterdir()]
    if not entries:
        return
    if is_ours(dest):
        return
    # An older release's export: its marker lists nothing, but exports only ever marked folders they
    # made themselves (never adopted one), and wrote only these names.
    others = [n for n in entries if n != MARKER and not _EXPORT_FILE.match(n)]
    mark = read_marker(dest)
    if mark is None or mark.version != 1 or others:
        raise UsageError(f"--to {shown} holds files the export did not write"
                         + (f" ({min(others)})" if others else "") + "; choose a new or empty folder")


def _swap(staging: Path, dest: Path) -> None:
    """Put the finished `staging` at `dest`. An earlier export is moved aside, then removed: a crash
    between the two renames leaves it whole under its hidden name, never a mix."""
    if dest.is_dir() and any(dest.iterdir()):
        old = dest.parent / f".{dest.name}.old-{os.getpid()}-{time.time_ns()}"
        os.rename(dest, old)
        os.rename(staging, dest)
        _remove_marked(old)
    else:
        os.rename(staging, dest)  # over an empty folder, or none
    fsync(dest.parent)


def _remove_stale(dest: Path) -> None:
    now = time.time()
    for entry in dest.parent.iterdir():
        if entry.name.startswith((f".{dest.name}.staging-", f".{dest.name}.old-")) and entry.is_dir() \
                and not entry.is_symlink() and now - entry.stat().st_mtime > _STALE_SECONDS:
            _remove_marked(entry)


def _remove_marked(folder: Path) -> None:
    """Delete a folder the export wrote: what its marker lists (pipeline.publish.marker); for an older
    release's export, its export files. Anything else is left, and so is the folder then."""
    if remove_marked(folder):
        return
    mark = read_marker(folder)
    if mark is None or mark.version != 1:
        return
    for child in folder.iterdir():
        if _EXPORT_FILE.match(child.name) and child.is_file() and not child.is_symlink():
            child.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass  # something else arrived: left alone


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_iso)


def _iso(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _flat(batch: pa.RecordBatch) -> pa.RecordBatch:
    """List columns as JSON array text; the other columns as they are (CSV writes dates ISO)."""
    import pyarrow as pa

    columns, fields = [], []
    for f, column in zip(batch.schema, batch.columns):
        if pa.types.is_list(f.type) or pa.types.is_large_list(f.type) or pa.types.is_struct(f.type):
            column = pa.array([None if v is None else _json(v) for v in column.to_pylist()], pa.string())
            f = pa.field(f.name, pa.string())
        columns.append(column)
        fields.append(f)
    return pa.RecordBatch.from_arrays(columns, schema=pa.schema(fields))


def _flat_schema(schema: pa.Schema) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_list(f.type) or pa.types.is_large_list(f.type)
                      or pa.types.is_struct(f.type) else f.remove_metadata() for f in schema])


def _write_csv(files: list[Path], target: Path) -> int:
    import pyarrow.csv as pacsv

    from pipeline.publish import read_dataset

    schema = _flat_schema(read_dataset.schema_of(files).remove_metadata())
    rows = 0
    with pacsv.CSVWriter(str(target), schema) as writer:
        for batch in read_dataset.iter_batches(files):
            writer.write_batch(_flat(batch).cast(schema))
            rows += batch.num_rows
    return rows


def _write_jsonl(files: list[Path], target: Path) -> int:
    from pipeline.publish import read_dataset

    rows = 0
    with open(target, "w", encoding="utf-8", newline="\n") as fh:
        for batch in read_dataset.iter_batches(files):
            fh.writelines(_json(row) + "\n" for row in batch.to_pylist())
            rows += batch.num_rows
    return rows


def _sql_type(t: pa.DataType) -> str:
    import pyarrow as pa

    if pa.types.is_integer(t) or pa.types.is_boolean(t):
        return "INTEGER"
    if pa.types.is_floating(t):
        return "REAL"
    return "TEXT"  # strings, ISO dates, JSON arrays


def _sql_value(value):
    if isinstance(value, (list, dict)):
        return _json(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _write_sqlite(tables: dict[str, list[Path]], target: Path) -> dict[str, int]:
    from pipeline.publish import read_dataset
    from pipeline.base.registry import TABLES

    counts = {}
    con = sqlite3.connect(target)
    try:
        for name, files in tables.items():
            schema = read_dataset.schema_of(files)
            spec = TABLES.get(name)
            key = spec.id_column if spec is not None and spec.id_column in schema.names else None
            columns = ", ".join(f'"{f.name}" {_sql_type(f.type)}' + (" PRIMARY KEY" if f.name == key else "")
                                for f in schema)
            con.execute(f'CREATE TABLE "{name}" ({columns})')
            if "article_id" in schema.names and key != "article_id":
                con.execute(f'CREATE INDEX "{name}_article_id" ON "{name}" ("article_id")')
            insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(schema))})'
            counts[name] = 0
            for batch in read_dataset.iter_batches(files):
                con.executemany(insert, ([_sql_value(v) for v in row.values()] for row in batch.to_pylist()))
                counts[name] += batch.num_rows
        con.commit()
    finally:
        con.close()
    return counts

