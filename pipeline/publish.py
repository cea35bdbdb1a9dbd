"""Write the tables as Parquet, one DuckDB database and a datapackage.json, atomically.
The only stage that writes output."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.arrow_tables import to_arrow
from pipeline.output_guard import (
    MARKER,
    VERSION_NAME,
    OutputRefused,
    absolute,
    check_output,
    has_marker,
    is_dataset,
    store_of,
    write_marker,
)
from pipeline.report import write_report
from schemas.fields import ARROW_TYPES, describe

DB_NAME = "bilateral.duckdb"
_FRICTIONLESS_TYPES = {"string": "string", "int64": "integer", "double": "number", "date32[day]": "date"}


def datapackage(tables: dict[str, pd.DataFrame], files: dict[str, list[str]] | None = None) -> dict:
    resources = []
    for name in tables:
        fields = []
        for f in ARROW_TYPES[name]:
            ftype = "array" if pa.types.is_list(f.type) else _FRICTIONLESS_TYPES.get(str(f.type), "string")
            fields.append({"name": f.name, "type": ftype, "description": describe(f.name)})
        paths = (files or {}).get(name) or [f"{name}.parquet"]
        resources.append({"name": name, "path": paths[0] if len(paths) == 1 else paths, "format": "parquet",
                          "schema": {"fields": fields}})
    return {"name": "bilateral-relations", "title": "Relations between states extracted from news articles",
            "version": __version__, "resources": resources}


def publish(tables: dict[str, pd.DataFrame], out_dir: Path, rows_per_file: int | None = None,
            keep_versions: int | None = None) -> Path:
    """Write a complete dataset into a new version folder, then point `out_dir` at it.

    `out_dir` is a symbolic link to `.<name>.versions/<version>` beside it. The new version is built
    in a staging folder, flushed to disk, renamed to its final name, and the link is replaced in one
    atomic rename: a crash at any moment leaves `out_dir` showing either the previous dataset or the
    new one, never a mix, and a reader holding a file of the previous version open keeps reading it.
    A table longer than `rows_per_file` is written as a folder of part files (`visits/part-00000.parquet`
    ...), which DuckDB (`read_parquet('visits/*.parquet')`), pandas and pyarrow read as one dataset.
    Every folder written carries the pipeline's marker file; only marked versions are ever removed,
    the oldest first, keeping the newest `keep_versions`. Call it holding the output's lock
    (pipeline.output_lock), as `run` does. Raises OutputRefused, before writing anything, when
    `out_dir` holds files the pipeline did not write. Returns the version folder."""
    rows_per_file = rows_per_file or DEFAULT_ROWS_PER_FILE
    keep_versions = keep_versions or DEFAULT_KEEP_VERSIONS
    out_dir = absolute(out_dir)  # not resolve(): out_dir is itself a link
    check_output(None, out_dir)
    store = store_of(out_dir)
    store.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=store))
    try:
        write_marker(staging)
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; the dataset is not
        written = {name: _write_table(name, df, staging, rows_per_file) for name, df in tables.items()}
        con = duckdb.connect(str(staging / DB_NAME))
        try:
            for name, files in written.items():  # one pass over the Parquet just written
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)',
                            [[str(staging / f) for f in files]])
        finally:
            con.close()
        (staging / "datapackage.json").write_text(json.dumps(datapackage(tables, written), indent=2) + "\n",
                                                  encoding="utf-8")
        write_report(staging)
        for f in staging.rglob("*"):
            _fsync(f)
        version = store / f"v{time.time_ns()}-{os.getpid()}"
        os.rename(staging, version)
        _fsync(store)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point(out_dir, version)
    _prune(store, current=version, keep_versions=keep_versions)
    return version


DEFAULT_ROWS_PER_FILE = 1_000_000
DEFAULT_KEEP_VERSIONS = 3
# A version stops being current when the link moves on; a reader that followed the link just
# before may still be opening its files, so it stays at least this long whatever the count.
RETIRED_GRACE_SECONDS = 10
_STAGING = "staging-"


def _write_table(name: str, df: pd.DataFrame, folder: Path, rows_per_file: int) -> list[str]:
    """Write one table; returns its files relative to `folder`."""
    table = to_arrow(name, df)
    if table.num_rows <= rows_per_file:
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
        return [f"{name}.parquet"]
    (folder / name).mkdir()
    files = []
    for k, start in enumerate(range(0, table.num_rows, rows_per_file)):
        rel = f"{name}/part-{k:05d}.parquet"
        pq.write_table(table.slice(start, rows_per_file), folder / rel, compression="zstd")
        files.append(rel)
    return files
_STALE_STAGING_SECONDS = 3600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems do not fsync folders
        pass
    finally:
        os.close(fd)


def _point(out_dir: Path, version: Path) -> None:
    """Make `out_dir` show `version`, atomically when `out_dir` is already a link."""
    store = store_of(out_dir)
    if out_dir.is_symlink():
        _retire(Path(os.path.realpath(out_dir)), store)
    elif out_dir.is_dir():
        if not any(out_dir.iterdir()):
            os.rmdir(out_dir)  # an empty folder made for the output; fails if files arrived meanwhile
        elif is_dataset(out_dir):
            # A real folder written by an older release, or by the fallback below: keep it as a
            # version, so that it is never half-replaced; from now on out_dir is a link.
            if not has_marker(out_dir):
                write_marker(out_dir)
            moved = store / f"folder-{time.time_ns()}"
            os.rename(out_dir, moved)
            _retire(moved, store)
        else:
            raise OutputRefused(f"{out_dir} holds files the pipeline did not write; not replaced")
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}-{time.time_ns()}"
    try:
        os.symlink(os.path.relpath(version, out_dir.parent), link, target_is_directory=True)
    except OSError:  # no symbolic links here (some Windows set-ups): rename the folder into place
        if out_dir.is_symlink():
            os.unlink(out_dir)
        os.rename(version, out_dir)
        return
    os.replace(link, out_dir)
    _fsync(out_dir.parent)


def _retire(old: Path, store: Path) -> None:
    """Stamp the version that stops being current with the time (its mtime), for the grace period."""
    if old.parent == Path(os.path.realpath(store)) and old.is_dir():
        try:
            os.utime(old)
        except OSError:
            pass


def _prune(store: Path, current: Path, keep_versions: int) -> None:
    """Remove marked versions beyond the newest `keep_versions`, except the current one and any that
    was current less than RETIRED_GRACE_SECONDS ago; and the staging and parts folders of runs that
    died long ago. Anything without the pipeline's marker is left alone."""
    now = time.time()
    versions = []
    for entry in store.iterdir():
        if entry.is_symlink() or not entry.is_dir():
            continue
        named = VERSION_NAME.match(entry.name)
        if named:
            if not has_marker(entry):
                if not is_dataset(entry):
                    continue
                write_marker(entry)  # a version an older release wrote: recognised, adopted
            versions.append((int(named.group(1) or named.group(2)), entry))
        elif entry.name.startswith((_STAGING, "parts-")) and now - entry.stat().st_mtime >= _STALE_STAGING_SECONDS:
            if has_marker(entry):
                _remove(entry)
            else:
                try:
                    os.rmdir(entry)  # killed before its marker was written: empty
                except OSError:
                    pass
    versions.sort(key=lambda v: v[0], reverse=True)
    for rank, (_, entry) in enumerate(versions):
        if rank < keep_versions or entry == current:
            continue
        if now - entry.stat().st_mtime < RETIRED_GRACE_SECONDS:
            continue
        _remove(entry)


def _remove(folder: Path) -> None:
    """Delete a marked folder, the marker last, so that a kill part-way leaves it marked for next time."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            try:
                child.unlink()
            except OSError:
                pass
    try:
        (folder / MARKER).unlink()
        folder.rmdir()
    except OSError:
        pass
