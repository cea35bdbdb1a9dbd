"""A run's options, with their defaults (light: the command line builds them before it loads the pipeline)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.io.walk import DEFAULT_MAX_BYTES
from pipeline.publish.limits import DEFAULT_KEEP_VERSIONS, DEFAULT_ROWS_PER_FILE


@dataclass
class RunOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: Path | None = None  # None: no cache
    progress: bool = True
    workers: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # address of an existing Dask scheduler
    batch_size: int = 32  # records per batch job
    parts_dir: Path | None = None  # where batches write their parts (default: beside the output)
    rows_per_file: int = DEFAULT_ROWS_PER_FILE
    keep_versions: int = DEFAULT_KEEP_VERSIONS  # published versions kept in .OUT.versions
    lock_timeout: float = 0.0  # seconds to wait for another run on the same output (0: refuse at once)
    allow_empty: bool = False  # publish even when no article was read
    text: str = "full"  # text policy: full | snippet | none (pipeline.publish.text_policy)
    reconsolidate: bool = False  # cluster every mention again instead of keeping the previous run's clusters

    # what decides the published dataset, beside the inputs and the code (the rest says how to run): the
    # unchanged-rerun check compares these
    def output_options(self) -> dict:
        return {"max_bytes": self.max_bytes, "rows_per_file": self.rows_per_file, "text": self.text,
                "allow_empty": self.allow_empty}
