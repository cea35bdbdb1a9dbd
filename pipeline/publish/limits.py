"""The defaults of how a dataset is laid out: rows per Parquet file, versions kept (no imports: the command
line reads them before it decides whether to load the pipeline at all)."""
DEFAULT_ROWS_PER_FILE = 1_000_000
DEFAULT_KEEP_VERSIONS = 3
