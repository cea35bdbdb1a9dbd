"""Read the clusters of the dataset an output shows (an earlier run), for incremental consolidation."""
from __future__ import annotations

import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.base.registry import CONSOLIDATED, TABLES
from schemas.fields import CLUSTER_IDS

log = logging.getLogger(__name__)


def read_previous(out_dir: Path) -> dict[str, dict[str, str]]:
    """Per mention table, mention id -> cluster id, as published in `out_dir` (a table in one Parquet file or
    a folder of parts). Empty for a table that is missing, unreadable or older than consolidation."""
    previous: dict[str, dict[str, str]] = {}
    for name in CONSOLIDATED:
        id_col, cluster_col = TABLES[name].id_column, CLUSTER_IDS[name]
        for path in (out_dir / f"{name}.parquet", out_dir / name):
            if not path.exists():
                continue
            try:
                table = pq.read_table(path, columns=[id_col, cluster_col])
            except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
                log.debug("%s: no previous clusters (%s)", path, exc)
                break
            previous[name] = {m: c for m, c in zip(table[id_col].to_pylist(), table[cluster_col].to_pylist())
                              if m is not None and c is not None}
            break
    return previous
