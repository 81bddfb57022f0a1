"""DuckDB's full-text search extension, loaded from the duckdb-extension-fts wheel (never from the network)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def extension_path() -> Path:
    import duckdb_extension_fts

    root = Path(duckdb_extension_fts.__file__).parent / "extensions"
    wanted = root / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if wanted.exists():
        return wanted
    found = sorted(root.glob("*/fts.duckdb_extension"))
    if not found:
        raise FileNotFoundError(
            f"no fts.duckdb_extension under {root}: reinstall duckdb-extension-fts=={duckdb.__version__}"
        )
    return found[-1]


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"LOAD '{extension_path()}'")
