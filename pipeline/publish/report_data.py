"""What the report reads of a published dataset: the columns it draws from every table, every table's row
count, the title, version and card. Tolerant: a column missing reads as null, extra columns are ignored."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

# The columns read, by table; a column missing from a dataset reads as null, extra columns are ignored.
COLUMNS = {
    "articles": ["article_id", "outlet", "published_date"],
    "events": ["event_id", "article_id", "evidence", "event_type", "countries", "location", "status", "date_start",
               "date_end", "date_precision", "date_text", "date_edtf", "visit_id"],
    "visits": ["visit_id", "visitor_name", "visitor_title", "visitor_country", "host_country", "host_city",
               "visit_type", "date_edtf", "latitude", "longitude", "geo_precision"],
    "documents": ["document_id", "article_id", "evidence", "title", "doc_type", "action", "parties", "status",
                  "date_start", "date_end", "date_precision", "date_text", "date_edtf"],
    "trade": ["trade_id", "article_id", "evidence", "indicator", "reporter", "partner", "flow_from", "flow_to",
              "year", "value", "currency", "value_text", "commodity", "date_start", "date_end", "date_precision",
              "date_text", "date_edtf"],
}


@dataclass
class Dataset:
    """What the report shows of a published dataset."""
    tables: dict[str, pd.DataFrame]
    row_counts: dict[str, int]
    title: str = "Relations between states extracted from news articles"
    version: str | None = None
    card: str | None = None  # the dataset card's file name, when the folder has one


def read_dataset(folder: Path) -> Dataset:
    """The columns the report needs from every table of the dataset in `folder`, and every table's row count."""
    package = _package(folder)
    files = _table_files(folder, package)
    tables = {name: _read(files.get(name, []), cols) for name, cols in COLUMNS.items()}
    counts = {name: sum(pq.ParquetFile(p).metadata.num_rows for p in paths) for name, paths in files.items()}
    card = next((n for n in ("README.md", "CARD.md") if (folder / n).is_file()), None)
    return Dataset(tables, counts, package.get("title") or Dataset.title, package.get("version"), card)


def _package(folder: Path) -> dict:
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return package if isinstance(package, dict) else {}


def _table_files(folder: Path, package: dict) -> dict[str, list[Path]]:
    """Table name -> its Parquet files, from datapackage.json, else the `NAME.parquet` and `NAME/*.parquet`."""
    found = _declared_files(folder, package)
    for path in sorted(folder.glob("*.parquet")):
        found.setdefault(path.stem, [path])
    for path in sorted(folder.iterdir()):
        if path.is_dir() and path.name not in found and any(path.glob("*.parquet")):
            found[path.name] = sorted(path.glob("*.parquet"))
    return found


def _declared_files(folder: Path, package: dict) -> dict[str, list[Path]]:
    """The tables datapackage.json lists whose Parquet files are all there."""
    found: dict[str, list[Path]] = {}
    for resource in package.get("resources") or []:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            continue
        paths = resource.get("path")
        paths = [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []
        files = [folder / p for p in paths if isinstance(p, str) and p.endswith(".parquet")]
        if files and all(f.is_file() for f in files):
            found[resource["name"]] = files
    return found


def _read(files: list[Path], columns: list[str]) -> pd.DataFrame:
    frames = []
    for path in files:
        present = [c for c in columns if c in pq.read_schema(path).names]
        frames.append(pq.read_table(path, columns=present).to_pandas(maps_as_pydicts="strict")
                      if present else pd.DataFrame(index=range(pq.ParquetFile(path).metadata.num_rows)))
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for c in columns:
        if c not in df:
            df[c] = pd.Series([None] * len(df), dtype=object)
    return df[columns].reset_index(drop=True)
