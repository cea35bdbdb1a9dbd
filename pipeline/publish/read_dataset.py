"""Read a published dataset back: its tables, in the datapackage's order, and their Parquet files."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.base.errors import UsageError
from schemas.datapackage import TEXT_POLICIES


def version_of(out_dir: Path) -> Path:
    """The version folder `out_dir` shows now (it is a link to it), read once: a run that publishes
    meanwhile moves the link, not the files read from here."""
    return Path(os.path.realpath(out_dir))


def table_files(out_dir: Path) -> dict[str, list[Path]]:
    """Table name -> its Parquet files (one, or a folder's parts), in the order datapackage.json lists
    them. A UsageError when `out_dir` holds no published dataset."""
    folder = version_of(out_dir)
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        resources = [(r["name"], r.get("path")) for r in package["resources"]]
    except FileNotFoundError:
        raise UsageError(f"no published dataset in {out_dir}: run `python -m pipeline --out {out_dir}` "
                         "first") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{out_dir}/datapackage.json cannot be read ({type(exc).__name__}): is it a dataset "
                         "this pipeline published?") from None
    found = {}
    for name, path in resources:
        paths = path if isinstance(path, list) else [path or f"{name}.parquet"]
        files = [folder / p for p in paths]
        missing = [f for f in files if not f.is_file()]
        if missing:
            raise UsageError(f"{out_dir}: the table {name} lists {missing[0].relative_to(folder)}, which is "
                             "missing; publish the dataset again")
        found[name] = files
    return found


def text_policy(out_dir: Path) -> tuple[str, list[str]]:
    """The --text policy the dataset was published under, as its manifest records it (`arguments.text`;
    without one, datapackage.json's `x-text-policy`; neither: full), and a line for each way the two
    files disagree or name no known policy."""
    folder = version_of(out_dir)
    recorded: dict[str, object] = {}
    problems = []
    for name, keys in (("manifest.json", ("arguments", "text")), ("datapackage.json", ("x-text-policy",))):
        try:
            value = json.loads((folder / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            problems.append(f"{name} cannot be read ({type(exc).__name__}): its text policy is unknown")
            continue
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            continue  # not recorded (a dataset of an older release)
        if value not in TEXT_POLICIES:
            problems.append(f"{name} records the text policy {value!r}, not one of {', '.join(TEXT_POLICIES)}")
            continue
        recorded[name] = value
    if len(set(recorded.values())) > 1:
        problems.append(f"manifest.json records --text {recorded['manifest.json']} but datapackage.json "
                        f"says {recorded['datapackage.json']}")
    policy = str(recorded.get("manifest.json") or recorded.get("datapackage.json") or "full")
    return policy, problems


def schema_of(files: list[Path]) -> pa.Schema:
    return pq.read_schema(files[0])


def read_table(files: list[Path]) -> pa.Table:
    """A table's files as one Arrow table (without the pandas metadata)."""
    tables = [pq.read_table(f) for f in files]
    return pa.concat_tables(tables).replace_schema_metadata(None)


def iter_batches(files: list[Path], rows: int = 10_000) -> Iterator[pa.RecordBatch]:
    """A table's rows in batches of at most `rows`, file after file: memory stays flat on big tables."""
    for f in files:
        yield from pq.ParquetFile(f).iter_batches(batch_size=rows)
