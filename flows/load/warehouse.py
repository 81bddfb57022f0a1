"""news.duckdb for analysts: publishing a lake snapshot to it, the data checks, and the read-only sessions.

Analysts keep read-only connections open for hours, and DuckDB lets no writer in while they do. So the
nightly run never writes the live file: it writes a new small one (flows/load/analyst.py) and renames it over the
old. Open sessions keep reading the snapshot they opened; new connections see the new night.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from nightdesk.errors import NightdeskError
from nightdesk.faults import checkpoint
from nightdesk.load import analyst
from nightdesk.load.analyst import DB_NAME
from nightdesk.load.catalog import (
    Location,
    Snapshot,
    connect,
    current_snapshot,
    find_snapshot,
    lake_tables,
    location,
    reach_data,
)
from nightdesk.load.fts import load_fts
from nightdesk.load.lake import fsync_dir
from nightdesk.load.schemas import LAKE_TABLES, sql_text, table_sql
from nightdesk.settings import SEEDS_DIR, SQL_DIR

log = logging.getLogger(__name__)

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


def publish_snapshot(
    warehouse: Path,
    lake: duckdb.DuckDBPyConnection,
    seeds_dir: Path = SEEDS_DIR,
    loc: Location | None = None,
    threshold: float | None = None,
) -> Path:
    """Make the lake's current snapshot what news.duckdb shows: a new analyst file, linked in place of the live one."""
    built = analyst.build(warehouse, lake, current_snapshot(lake), loc or location(warehouse), seeds_dir, threshold)
    checkpoint("swap")
    return swap_in(warehouse, built)


def published_snapshot(warehouse: Path) -> tuple[int, str] | None:
    """The lake snapshot news.duckdb shows and the data folder its views read (None when there is no analyst file,
    or one from before DuckLake)."""
    path = warehouse / DB_NAME
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        found = con.execute(sql_text("analyst", "published_snapshot.sql")).fetchone()
        return (found[0], found[1]) if found else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def swap_in(warehouse: Path, built: Path) -> Path:
    """Atomically make `built` what news.duckdb opens (open sessions keep the file they opened).

    news.duckdb is a link to the night's own file under .nights/ (news-<snapshot>-<token>.duckdb), renamed into
    place. DuckDB names a database's write-ahead log after the file a link leads to, so a session that opened
    news.duckdb read-write and writes after the swap (or crashed) leaves a log beside its own night's file, which the
    next night deletes with that file: no log is ever replayed onto another night's database (once, with a plain
    file renamed over the old one, a stray log dropped a view from the next night's). Where links cannot be made, the
    file itself is renamed over news.duckdb, as before."""
    live = warehouse / DB_NAME
    stale = analyst.wal(live)  # a plain news.duckdb's log (a warehouse of an earlier version): the old file's
    if stale.exists():
        log.warning("removed %s: a read-write session's changes to the replaced database", stale)
        stale.unlink(missing_ok=True)
    link = warehouse / f".{DB_NAME}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    try:
        os.symlink(os.path.join(analyst.NIGHTS, built.name), link)
    except OSError:
        os.replace(built, live)
    else:
        os.replace(link, live)
    fsync_dir(warehouse)
    _remove_old_nights(warehouse, built)
    return live


def _remove_old_nights(warehouse: Path, current: Path) -> None:
    """Earlier nights' analyst files and their logs: sessions that have one open keep reading it (a deleted file
    lives on while it is open), as they did when a new file was renamed over the old."""
    for path in (warehouse / analyst.NIGHTS).iterdir():
        if path.name != current.name and not path.name.startswith(".building-"):
            path.unlink(missing_ok=True)


def remove_stale_builds(warehouse: Path) -> None:
    """Half-built files of runs that were killed (the lock guarantees none is still being written)."""
    for path in [*warehouse.glob(f".{DB_NAME}.building-*"), *(warehouse / analyst.NIGHTS).glob(".building-*")]:
        path.unlink(missing_ok=True)
    for path in warehouse.glob(f".{DB_NAME}.link-*"):
        path.unlink(missing_ok=True)


def connect_analyst(warehouse: Path, loc: Location | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only session that can touch no other file and no network: what `nightdesk sql` and `search` run on.

    Read-only alone still lets SQL write files (COPY ... TO, even over news.duckdb itself), attach other databases
    read-write, read any file (read_text('/etc/shadow')) and install extensions from the network. With external
    access off and the configuration locked, the session reads the warehouse's tables and views and nothing else;
    DuckDB still lets COPY write the database's own paths: run what users type through refuse_writes first."""
    con = connect_read_only(warehouse)
    try:
        load_fts(con)  # before the lock: search needs it, and loading reads the extension's file
        lock_down(con, loc or location(warehouse))
    except BaseException:
        con.close()
        raise
    return con


def lock_down(con: duckdb.DuckDBPyConnection, loc: Location) -> None:
    """No file but the lake's data files (the tables' views read them), no other network place, no setting changed
    after."""
    reach_data(con, loc)
    con.execute("SET allowed_directories = $dirs", {"dirs": [loc.data_path]})
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def connect_as_of(
    warehouse: Path, when: str, loc: Location | None = None, threshold: float | None = None
) -> tuple[duckdb.DuckDBPyConnection, Snapshot]:
    """A read-only session of the warehouse as a past night left it (a run id, or a date-time: the last snapshot
    committed then): the lake attached at that snapshot, with the analyst views over it, counting events from
    `threshold` (the setting, NIGHTDESK_EVENT_THRESHOLD; None: the scorer's own, as a night's views do)."""
    loc = loc or location(warehouse)
    probe = connect(loc, read_only=True)
    try:
        snap = find_snapshot(probe, when)
    finally:
        probe.close()
    con = connect(loc, read_only=True, snapshot=snap.snapshot_id)
    try:
        con.execute("USE memory")
        present = lake_tables(con)
        for table in LAKE_TABLES:
            if table in present:
                con.execute(table_sql(table, "analyst", "as_of_view.sql"))
            else:  # a table this version added, after that night: empty then
                con.execute(analyst.view_ddl(table, table, []))
        analyst.create_reference_tables(con, SEEDS_DIR)
        analyst.create_views_and_comments(con, threshold)
        analyst.create_search_macros(con)
        lock_down(con, loc)
    except BaseException:
        con.close()
        raise
    return con, snap


def connect_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    path = warehouse / DB_NAME
    if not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path}: run `nightdesk run --warehouse {warehouse}` first, or pass the right --warehouse"
        )
    return duckdb.connect(str(path), read_only=True)
