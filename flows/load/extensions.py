"""DuckDB extensions, loaded from the files of their `duckdb-extension-*` wheels: DuckDB's extension server is out of
reach, and nothing may download at run time."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

# extension name → the module of the wheel that carries it
WHEELS = {
    "fts": "duckdb_extension_fts",
    "ducklake": "duckdb_extension_ducklake",
    "httpfs": "duckdb_extension_httpfs",
    "sqlite_scanner": "duckdb_extension_sqlite_scanner",
    "postgres_scanner": "duckdb_extension_postgres_scanner",
}


def extension_path(name: str) -> Path:
    module = WHEELS[name]
    package = f"{module.replace('_', '-')}=={duckdb.__version__}"
    try:
        root = Path(importlib.import_module(module).__file__).parent / "extensions"
    except ImportError:
        raise FileNotFoundError(f"the {name} extension is not installed: pip install {package}") from None
    wanted = root / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if wanted.exists():
        return wanted
    found = sorted(root.glob(f"*/{name}.duckdb_extension"))
    if not found:
        raise FileNotFoundError(f"no {name}.duckdb_extension under {root}: reinstall {package}")
    return found[-1]


def connect(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A session for nightdesk's own work on the lake. DuckDB verifies an extension file's signature at every LOAD
    (0.12 s for DuckLake and SQLite, five times a night); these files come from the wheels pip installed beside
    nightdesk's own code, which a changed file would have changed as easily, so the check is left out here. Analysts'
    sessions (nightdesk sql, search) keep it."""
    return duckdb.connect(database, config={"allow_unsigned_extensions": True})


def load_extensions(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    for name in names:
        con.execute(f"LOAD '{extension_path(name)}'")
