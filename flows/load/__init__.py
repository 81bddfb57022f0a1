"""Load: the Parquet lake (source of truth) and the DuckDB warehouse built from it."""
