"""Write a dataset version (Parquet, DuckDB, datapackage, card, manifest) and read one back."""
