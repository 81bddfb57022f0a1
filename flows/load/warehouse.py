"""Build news.duckdb from the lake beside the live file, check it, then swap it in atomically.

Analysts keep read-only connections open for hours, and DuckDB lets no writer in while they do. So the
nightly run never writes the live file: it builds a new one and renames it over the old. Open sessions
keep reading the snapshot they opened; new connections see the new night.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.errors import NightdeskError
from flows.load.corrections import apply_corrections, read_corrections
from flows.load.fts import load_fts
from flows.load.lake import Manifest, fsync_dir
from flows.load.schemas import CORRECTION_TABLES, REFERENCE_TABLES, TABLES, VIEWS, ddl, sql_text
from flows.settings import SEEDS_DIR, SQL_DIR

log = logging.getLogger(__name__)

DB_NAME = "news.duckdb"
CHECK_SAMPLE_ROWS = 5


class DataCheckFailed(NightdeskError, RuntimeError):
    pass


class WarehouseMissing(NightdeskError, FileNotFoundError):
    pass


@dataclass(frozen=True)
class CheckResult:
    name: str
    violations: int
    sample: list[tuple]


def check_files() -> list[Path]:
    return sorted((SQL_DIR / "checks").glob("*.sql"))


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    results = []
    for path in check_files():
        rows = con.execute(path.read_text(encoding="utf-8")).fetchall()
        results.append(CheckResult(path.stem, len(rows), rows[:CHECK_SAMPLE_ROWS]))
    return results


def create_reference_tables(con: duckdb.DuckDBPyConnection, seeds_dir: Path = SEEDS_DIR) -> None:
    """Tables copied from the rule files on every build (the PLOVER types), so checks and analysts join the one list."""
    for table in REFERENCE_TABLES:
        con.execute(sql_text("load", f"{table}.sql"), {"path": str(Path(seeds_dir) / f"{table}.csv")})


def create_views_and_comments(con: duckdb.DuckDBPyConnection) -> None:
    """The analyst views (sql/marts/) and the data dictionary (sql/comments/) over existing tables."""
    for view in VIEWS:
        con.execute(sql_text("marts", f"{view}.sql"))
    for name in TABLES + REFERENCE_TABLES + CORRECTION_TABLES + VIEWS:
        con.execute(sql_text("comments", f"{name}.sql"))


def build_database(
    warehouse: Path, lake: Path, manifest: Manifest, seeds_dir: Path = SEEDS_DIR
) -> tuple[Path, list[CheckResult]]:
    """Build and check a new database file beside the live one; the live one is untouched if anything fails."""
    building = warehouse / f".{DB_NAME}.building-{os.getpid()}"
    _remove_with_wal(building)
    con = duckdb.connect(str(building))
    try:
        for table in TABLES:
            con.execute(ddl(table))
            files = [str(lake / f) for f in manifest.get(table, [])]
            if files:
                con.execute(sql_text("load", f"{table}.sql"), {"files": files})
        apply_corrections(con, read_corrections(warehouse))  # a person's corrections, on every build
        create_reference_tables(con, seeds_dir)
        create_views_and_comments(con)
        load_fts(con)
        con.execute(sql_text("search", "quotes_fts_index.sql"))
        results = run_checks(con)
        failed = [r for r in results if r.violations]
        if failed:
            lines = [f"{r.name}: {r.violations} violating rows, e.g. {r.sample}" for r in failed]
            raise DataCheckFailed("data checks failed; the warehouse was not replaced:\n" + "\n".join(lines))
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        _remove_with_wal(building)
        raise
    con.close()
    with open(building, "rb+") as fh:
        os.fsync(fh.fileno())
    return building, results


def _wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def _remove_with_wal(database: Path) -> None:
    for path in (database, _wal(database)):
        path.unlink(missing_ok=True)


def swap_in(warehouse: Path, built: Path) -> Path:
    """Atomically make `built` the live news.duckdb (open sessions keep the file they opened).

    A `news.duckdb.wal` beside the live file belongs to the old database (a session that opened it read-write and
    crashed leaves one). DuckDB would replay it onto the new file the next time it is opened, so it goes first; its
    changes were to a database this swap replaces anyway."""
    live = warehouse / DB_NAME
    stale = _wal(live)
    if stale.exists():
        log.warning("removed %s: a crashed read-write session's changes to the replaced database", stale)
        stale.unlink(missing_ok=True)
    os.replace(built, live)
    fsync_dir(warehouse)
    return live


def remove_stale_builds(warehouse: Path) -> None:
    """Half-built files of runs that were killed (the lock guarantees none is still being written)."""
    for path in warehouse.glob(f".{DB_NAME}.building-*"):
        path.unlink(missing_ok=True)


def connect_analyst(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only session that can touch no other file and no network: what `nightdesk sql` and `search` run on.

    Read-only alone still lets SQL write files (COPY ... TO, even over news.duckdb itself), attach other databases
    read-write, read any file (read_text('/etc/shadow')) and install extensions from the network. With external
    access off and the configuration locked, the session reads the warehouse's tables and views and nothing else;
    DuckDB still lets COPY write the database's own paths: run what users type through refuse_writes first."""
    con = connect_read_only(warehouse)
    try:
        load_fts(con)  # before the lock: search needs it, and loading reads the extension's file
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


# Statements that only read (besides SET, whose settings the session has locked, and transactions). COPY, EXPORT,
# ATTACH, INSTALL/LOAD, PREPARE/EXECUTE and every statement that changes a table are refused before anything runs.
READING = {"SELECT", "EXPLAIN", "CALL", "PRAGMA", "SET", "VARIABLE_SET", "TRANSACTION"}
_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(.*)", re.S | re.I)


class WriteRefused(NightdeskError, PermissionError):
    pass


def refuse_writes(con: duckdb.DuckDBPyConnection, statements) -> None:
    """Raise WriteRefused before anything runs when one of `statements` (from con.extract_statements) could write:
    an analyst session never changes a file, and DuckDB's own switch still lets COPY write the database's paths."""
    for statement in statements:
        kind = statement.type.name
        if kind == "EXPLAIN":
            # EXPLAIN ANALYZE runs its statement, so what it explains must itself only read.
            inner = _EXPLAIN.match(_without_comments(statement.query))
            kinds = {s.type.name for s in con.extract_statements(inner.group(1))} if inner else {"unknown"}
            if kinds <= {"SELECT"}:
                continue
            kind = f"EXPLAIN of {', '.join(sorted(kinds))}"
        if kind not in READING:
            raise WriteRefused(
                f"the session is read-only: {' '.join(statement.query.split())[:60]!r} is refused ({kind}). "
                "It runs SELECT, EXPLAIN, CALL, PRAGMA and SET on the warehouse only; to write Parquet use "
                "`nightdesk export`, or open a copy of news.duckdb with the duckdb command"
            )


def _without_comments(query: str) -> str:
    return re.sub(r"^(\s*(--[^\n]*\n|/\*.*?\*/))*", "", query, flags=re.S)


def connect_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    path = warehouse / DB_NAME
    if not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path}: run `nightdesk run --warehouse {warehouse}` first, or pass the right --warehouse"
        )
    return duckdb.connect(str(path), read_only=True)
