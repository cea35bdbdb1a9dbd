"""Write the tables as Parquet, one DuckDB database, datapackage.json, the dataset card, the codebook and the
run's manifest.json,
atomically. The only stage that writes output."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipeline.base.durable import fsync, umask
from pipeline import __version__
from pipeline.publish import manifest as manifests
from pipeline.tables.arrow_tables import to_arrow, with_pandas_metadata
from pipeline.base.fingerprint import code_fingerprint
from pipeline.publish.card import COLUMNS as CARD_COLUMNS
from pipeline.publish.card import render_card
from pipeline.publish.dyads import DYAD_TABLES, dyads_view_sql
from pipeline.publish.limits import DEFAULT_KEEP_VERSIONS, DEFAULT_ROWS_PER_FILE
from pipeline.publish.marker import close_marker, is_ours, read_marker, remove_marked, write_marker
from pipeline.publish.output_guard import VERSION_NAME, absolute, check_output, refuse_foreign_folder, store_of
from pipeline.publish.text_policy import apply_text_policy
from schemas.codebook import render_codebook
from schemas.datapackage import ARTICLES_SOURCE, datapackage
from schemas.reference_data import reference_sources

log = logging.getLogger(__name__)

DB_NAME = "bilateral.duckdb"
# The oldest DuckDB storage format the database is written in: DuckDB 1.1 and every later release
# (the command line on PyPI included) read it; the default of a newer DuckDB is unreadable by older ones.
DUCKDB_STORAGE_VERSION = "v1.1.0"
# What that format's file header says (what DuckDB 1.0 and 1.1 read)
DUCKDB_STORAGE_NUMBER = 64


def created_now() -> str:
    """The creation time of a dataset, ISO 8601 UTC to the second; SOURCE_DATE_EPOCH (the reproducible
    builds convention) fixes it, so that the same input can give byte-identical metadata."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _sources(tables: dict[str, pd.DataFrame]) -> list[dict]:
    """The outlets of the articles (or, when none is named, the articles themselves), then the reference data
    some columns are looked up in."""
    articles = tables.get("articles")
    outlets = [] if articles is None or "outlet" not in articles else \
        sorted({o for o in articles["outlet"].dropna() if str(o).strip()})
    return [*({"title": o} for o in outlets or [ARTICLES_SOURCE]), *reference_sources()]


def publish(tables: dict[str, pd.DataFrame], out_dir: Path, rows_per_file: int | None = None,
            keep_versions: int | None = None, text_policy: str = "full", accuracy: dict | None = None,
            manifest: dict | None = None, finish: Sequence[Callable[[Path], object]] = ()) -> Path:
    """Write a complete dataset into a new version folder, then point `out_dir` at it.

    `out_dir` is a symbolic link to `.<name>.versions/<version>` beside it. The new version is built
    in a staging folder, flushed to disk, renamed to its final name, and the link is replaced in one
    atomic rename: a crash at any moment leaves `out_dir` showing either the previous dataset or the
    new one, never a mix, and a reader holding a file of the previous version open keeps reading it.
    A table longer than `rows_per_file` is written as a folder of part files (`visits/part-00000.parquet`
    ...), which DuckDB (`read_parquet('visits/*.parquet')`), pandas and pyarrow read as one dataset.
    Every folder written carries the pipeline's marker file, which lists the files written
    (pipeline.publish.marker); only versions holding nothing but those are ever removed, the oldest
    first, keeping the newest `keep_versions`. Call it holding the output's lock
    (pipeline.publish.output_lock), as `run` does. Raises OutputRefused, before writing anything, when
    `out_dir` holds files the pipeline did not write. `text_policy` (full, snippet, none) says how much
    of the articles' text is published (pipeline.publish.text_policy); the dataset card (README.md) states it,
    beside the codebook (CODEBOOK.md) and datapackage.json. A `manifest`
    (pipeline.publish.manifest.build) is written as manifest.json with each table\'s rows and files added. Returns the
    version folder."""
    rows_per_file = rows_per_file or DEFAULT_ROWS_PER_FILE
    tables = apply_text_policy(tables, text_policy)
    keep_versions = keep_versions or DEFAULT_KEEP_VERSIONS
    out_dir = absolute(out_dir)  # not resolve(): out_dir is itself a link
    check_output(None, out_dir)
    store = store_of(out_dir)
    store.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=store))
    t0 = time.monotonic()
    try:
        write_marker(staging)
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes it private; the dataset is not
        written = {name: _write_table(name, df, staging, rows_per_file) for name, df in tables.items()}
        _write_database(staging / DB_NAME, {name: [str(staging / f) for f in files] for name, files in written.items()})
        created = created_now()
        package = datapackage(written, version=__version__, created=created, text_policy=text_policy,
                              sources=_sources(tables), extra={"x-pipeline": {"version": __version__,
                                                                              "fingerprint": code_fingerprint()}})
        docs = {"datapackage.json": json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                "README.md": render_card(tables, version=__version__, created=created, fingerprint=code_fingerprint(),
                                         text_policy=text_policy, accuracy=accuracy),
                "CODEBOOK.md": render_codebook()}
        for name, content in docs.items():
            (staging / name).write_text(content, encoding="utf-8")
        if manifest is not None:
            body = {**manifest, "tables": {name: {"rows": len(df), "files": written[name]}
                                           for name, df in tables.items()}}
            body["timings_seconds"] = {**body.get("timings_seconds", {}), "write": round(time.monotonic() - t0, 3)}
            (staging / manifests.FILE_NAME).write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n",
                                                       encoding="utf-8")
        for step in finish:  # documents drawn from the written tables (the run passes the report)
            step(staging)
        close_marker(staging)  # from now on the folder is recognised by what it lists, and only that
        for f in staging.rglob("*"):
            fsync(f)
        version = store / f"v{time.time_ns()}-{os.getpid()}"
        os.rename(staging, version)
        fsync(store)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point(out_dir, version)
    _prune(store, current=version, keep_versions=keep_versions)
    return version


def record_accuracy(out_dir: Path, result: dict) -> bool:
    """Put the scores of `pipeline.quality.evaluate.evaluate` in the dataset card of the published dataset
    `out_dir` (README.md, replaced atomically). Only a dataset this pipeline published is touched;
    returns whether the card was written."""
    folder = Path(os.path.realpath(out_dir))
    card = folder / "README.md"
    if not (is_ours(folder) and card.is_file() and (folder / "datapackage.json").is_file()):
        return False  # the README.md of a folder the pipeline cannot tell for its own is never replaced
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    files = {r["name"]: r["path"] if isinstance(r["path"], list) else [r["path"]] for r in package["resources"]}
    tables = {}
    for name, paths in files.items():
        wanted = CARD_COLUMNS.get(name, [])
        tables[name] = pq.read_table([str(folder / p) for p in paths] if len(paths) > 1 else str(folder / paths[0]),
                                     columns=wanted).to_pandas(date_as_object=True)
    text = render_card(tables, version=package["version"], created=package["created"],
                       fingerprint=package.get("x-pipeline", {}).get("fingerprint", "unknown"),
                       text_policy=package.get("x-text-policy", "full"), accuracy=result)
    fd, tmp = tempfile.mkstemp(prefix=".README.md.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, card.stat().st_mode & 0o777)
        os.replace(tmp, card)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def _write_database(path: Path, files: dict[str, list[str]]) -> None:
    """One DuckDB table per published table, from its Parquet files, in DUCKDB_STORAGE_VERSION."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH ? AS published (STORAGE_VERSION '{DUCKDB_STORAGE_VERSION}')", [str(path)])
        for name, parts in files.items():  # one pass over the Parquet just written
            con.execute(f'CREATE TABLE published."{name}" AS SELECT * FROM read_parquet(?)', [parts])
        if DYAD_TABLES <= set(files):
            con.execute("USE published")  # the view names its tables without a catalog: they resolve where it lives
            con.execute(dyads_view_sql())
            con.execute("USE memory")
        con.execute("CHECKPOINT published")  # its own error (a full disk) rather than DETACH's wrapper of it
        con.execute("DETACH published")
    finally:
        con.close()


# A version stops being current when the link moves on; a reader that followed the link just
# before may still be opening its files, so it stays at least this long whatever the count.
RETIRED_GRACE_SECONDS = 10
_STAGING = "staging-"


def _write_table(name: str, df: pd.DataFrame, folder: Path, rows_per_file: int) -> list[str]:
    """Write one table; returns its files relative to `folder`."""
    table = with_pandas_metadata(to_arrow(name, df))
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




def _point(out_dir: Path, version: Path) -> None:
    """Make `out_dir` show `version`, atomically when `out_dir` is already a link."""
    store = store_of(out_dir)
    if out_dir.is_symlink():
        _retire(Path(os.path.realpath(out_dir)), store)
    elif out_dir.is_dir():
        if not any(out_dir.iterdir()):
            os.rmdir(out_dir)  # an empty folder made for the output; fails if files arrived meanwhile
        else:
            # A real folder written by the fallback below: keep it as a version, so that it is never
            # half-replaced; from now on out_dir is a link. Anything else is refused.
            refuse_foreign_folder(out_dir, str(out_dir))
            moved = store / f"folder-{time.time_ns()}"
            os.rename(out_dir, moved)
            _retire(moved, store)
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}-{time.time_ns()}"
    try:
        os.symlink(os.path.relpath(version, out_dir.parent), link, target_is_directory=True)
    except OSError:  # no symbolic links here (some Windows set-ups): rename the folder into place
        if out_dir.is_symlink():
            os.unlink(out_dir)
        os.rename(version, out_dir)
        return
    os.replace(link, out_dir)
    fsync(out_dir.parent)


def _retire(old: Path, store: Path) -> None:
    """Stamp the version that stops being current with the time (its mtime), for the grace period."""
    if old.parent == Path(os.path.realpath(store)) and old.is_dir():
        try:
            os.utime(old)
        except OSError:
            pass


def _prune(store: Path, current: Path, keep_versions: int) -> None:
    """Remove versions beyond the newest `keep_versions`, except the current one and any that was
    current less than RETIRED_GRACE_SECONDS ago; and the staging and parts folders of runs that died
    long ago. Only what the pipeline's marker lists is removed (pipeline.publish.marker): a version
    holding anything else, one an older release marked, and anything without a marker are left alone."""
    now = time.time()
    versions = []
    for entry in store.iterdir():
        if entry.is_symlink() or not entry.is_dir():
            continue
        named = VERSION_NAME.match(entry.name)
        if named:
            mark = read_marker(entry)
            if mark is not None and mark.version == 2 and mark.files is not None:
                versions.append((int(named.group(1) or named.group(2)), entry))
            elif mark is not None and mark.version == 1:
                log.info("%s: a version an older release wrote, kept (delete it yourself when not needed)", entry)
        elif entry.name.startswith((_STAGING, "parts-")) and now - entry.stat().st_mtime >= _STALE_STAGING_SECONDS:
            if not remove_marked(entry):
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
        if not remove_marked(entry):
            log.warning("%s: an old version kept, for it holds files the pipeline did not write; move them away "
                        "to let it be removed", entry)
