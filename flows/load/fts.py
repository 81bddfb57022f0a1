"""DuckDB's full-text search extension, loaded from the duckdb-extension-fts wheel (never from the network)."""

from __future__ import annotations

import duckdb

from nightdesk.load.extensions import load_extensions


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    load_extensions(con, "fts")
