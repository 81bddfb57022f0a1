"""The lake: a DuckLake (DuckDB's open lakehouse format). A catalog database says which Parquet files make up each
table at each snapshot; a night's changes commit as one snapshot, or not at all.

Where the catalog lives (NIGHTDESK_CATALOG, a DuckLake metadata string):
- default `sqlite:<warehouse>/catalog.sqlite`. SQLite, not a DuckDB file: a DuckDB catalog file held open by one
  reader (an analyst's session) locks the nightly writer out, and SQLite lets readers and one writer share it.
- `postgres:dbname=news host=... user=...` for a team: several machines read, one writes at a time.
The data files go to `<warehouse>/data/` (NIGHTDESK_DATA_PATH overrides: a folder, or `s3://bucket/prefix/`).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from nightdesk.errors import NightdeskError
from nightdesk.load.extensions import connect as own_session
from nightdesk.load.extensions import load_extensions
from nightdesk.load.schemas import LAKE_TABLES, LEASE_TABLES, ddl, quoted, schema, sql_text, table_sql
from nightdesk.settings import Settings

CATALOG_FILE = "catalog.sqlite"
DATA_FOLDER = "data"
ALIAS = "lake"


class CatalogError(NightdeskError, RuntimeError):
    pass


class NothingBefore(CatalogError):
    """A date-time before the warehouse's first night."""


class LakeConflict(CatalogError):
    """Another writer committed to the lake while this transaction was open: nothing of it was committed."""


@dataclass(frozen=True)
class S3Credentials:
    key_id: str = ""
    secret: str = field(default="", repr=False)
    region: str = "us-east-1"
    endpoint: str = ""  # a server other than AWS's (http://127.0.0.1:9000)


@dataclass(frozen=True)
class Location:
    catalog: str  # the DuckLake metadata string, after `ducklake:`
    data_path: str
    # The data folder is the warehouse's own (not NIGHTDESK_DATA_PATH): the catalog's record of it may name where the
    # folder was before it was moved or restored elsewhere. Files are recorded relative to it, so that is harmless.
    inside_warehouse: bool = False
    s3: S3Credentials = S3Credentials()  # for data on S3

    @property
    def extensions(self) -> tuple[str, ...]:
        kind = self.catalog.split(":", 1)[0]
        needed = ["ducklake", {"sqlite": "sqlite_scanner", "postgres": "postgres_scanner"}.get(kind, "sqlite_scanner")]
        if self.data_path.startswith("s3://"):
            needed.append("httpfs")
        return tuple(needed)

    @property
    def local_catalog(self) -> Path | None:
        kind, _, rest = self.catalog.partition(":")
        return Path(rest) if kind == "sqlite" else None

    def describe(self) -> str:
        return f"catalog {self.catalog}, data {self.data_path}"


def location(warehouse: Path, settings: Settings | None = None) -> Location:
    """The lake of the warehouse folder: the catalog NIGHTDESK_CATALOG names (default its catalog.sqlite) and the data
    files under NIGHTDESK_DATA_PATH (default its data/; s3://bucket/prefix/data/ for --warehouse s3://bucket/prefix).
    `settings`: the command's (built from the environment when none is given)."""
    s = settings or Settings.load()
    catalog = s.catalog or f"sqlite:{warehouse.resolve() / CATALOG_FILE}"
    data = s.lake_data_path or str(warehouse.resolve() / DATA_FOLDER)
    credentials = S3Credentials(s.aws_access_key_id, s.aws_secret_access_key, s.aws_region, s.aws_endpoint_url)
    return Location(catalog, data.rstrip("/") + "/", not s.lake_data_path, credentials)


def exists(loc: Location) -> bool:
    """Has this catalog been created (for a SQLite catalog: is its file there)? A PostgreSQL one is asked."""
    if loc.local_catalog is not None:
        return loc.local_catalog.exists()
    con = own_session()
    try:
        load_extensions(con, *loc.extensions)
        con.execute(f"ATTACH '{quoted(loc.catalog.split(':', 1)[1])}' AS pg (TYPE postgres, READ_ONLY)")
        return bool(con.execute(sql_text("lake", "postgres_has_catalog.sql")).fetchone()[0])
    finally:
        con.close()


def connect(
    loc: Location, read_only: bool = False, snapshot: int | None = None, create: bool = False
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB session with the lake attached as `lake` (and in use): `SELECT * FROM articles` reads the
    lake's current snapshot, or `snapshot` when given. `create` makes a new catalog with nightdesk's tables."""
    existing = exists(loc)
    if not create and not existing:
        raise CatalogError(f"no lake at {loc.describe()}: run `nightdesk run` first, or give the right --warehouse")
    con = own_session()
    try:
        load_extensions(con, *loc.extensions)
        reach_data(con, loc)
        options = [f"DATA_PATH '{quoted(loc.data_path)}'"]
        if read_only:
            options.append("READ_ONLY")
        if snapshot is not None:
            options.append(f"SNAPSHOT_VERSION {int(snapshot)}")
        if loc.inside_warehouse and existing:
            options.append("OVERRIDE_DATA_PATH true")
        con.execute(f"ATTACH 'ducklake:{quoted(loc.catalog)}' AS {ALIAS} ({', '.join(options)})")
        con.execute(f"USE {ALIAS}")
        if create:
            ensure_tables(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """One lake transaction: committed when the block ends, rolled back when it raises (or is interrupted)."""
    con.execute("BEGIN")
    try:
        yield
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    try:
        con.execute("COMMIT")
    except duckdb.TransactionException as exc:
        if "conflict" not in str(exc).lower():
            raise
        raise LakeConflict(
            "another machine committed to the shared lake while this run was writing, so nothing of this run was "
            "committed (two nights at once could load the same article twice); its articles load with the next run. "
            f"Schedule the machines' runs apart. ({exc})"
        ) from exc


def reach_data(con: duckdb.DuckDBPyConnection, loc: Location) -> None:
    """Let a session read the lake's data files: for data on S3, the httpfs extension and the credentials."""
    if loc.data_path.startswith("s3://"):
        load_extensions(con, "httpfs")
        _s3_secret(con, loc.s3)


def _s3_secret(con: duckdb.DuckDBPyConnection, s3: S3Credentials) -> None:
    """Credentials for an S3-compatible store (the usual AWS variables); AWS_ENDPOINT_URL for another server."""
    endpoint = s3.endpoint
    parts = [
        "TYPE s3",
        f"KEY_ID '{quoted(s3.key_id)}'",
        f"SECRET '{quoted(s3.secret)}'",
        f"REGION '{quoted(s3.region or 'us-east-1')}'",
    ]
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        parts += [f"ENDPOINT '{quoted(host or scheme)}'", "URL_STYLE 'path'", f"USE_SSL {scheme == 'https'}"]
    con.execute(f"CREATE OR REPLACE SECRET nightdesk_s3 ({', '.join(parts)})")


@cache
def declared(table: str) -> list[tuple[str, str, bool]]:
    """(column, type, nullable) as sql/schema/<table>.sql declares them."""
    scratch = duckdb.connect()
    try:
        scratch.execute(ddl(table))
        return scratch.execute(sql_text("lake", "declared_columns.sql"), {"table_name": table}).fetchall()
    finally:
        scratch.close()


def lake_ddl(table: str) -> str:
    """The table's DDL as DuckLake takes it: no PRIMARY KEY or UNIQUE (DuckLake has none; keys are made unique by
    the night replacing whole articles), NOT NULL kept."""
    cols = ", ".join(f'"{n}" {t}{"" if nullable else " NOT NULL"}' for n, t, nullable in declared(table))
    return f"CREATE TABLE {ALIAS}.{table} ({cols})"


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every table of the lake, also those a newer version added; columns a newer version added to a table. Only
    what is missing is created, in one transaction: one catalog commit, not one per table (0.6 s of a first night)."""
    have: dict[str, set[str]] = {}
    for table, column in con.execute(sql_text("lake", "columns.sql"), {"database": ALIAS}).fetchall():
        have.setdefault(table, set()).add(column)
    missing = [t for t in LAKE_TABLES + LEASE_TABLES if t not in have]
    added = [(t, n, k) for t in LAKE_TABLES + LEASE_TABLES if t in have for n, k, _ in declared(t) if n not in have[t]]
    if not missing and not added:
        return
    with transaction(con):
        if not have:
            # Every row in Parquet files, none inlined in the catalog: news.duckdb's views read the files themselves.
            con.execute(sql_text("lake", "no_inlining.sql"))
        for table in missing:
            con.execute(lake_ddl(table))
            if table in LEASE_TABLES:  # a row from the start, so that even two first nights conflict
                con.execute(sql_text("lake", "lease_take.sql"), {"run_id": "created"})
        for table, name, kind in added:
            con.execute(add_column_ddl(table, name, kind))


def add_column_ddl(table: str, name: str, kind: str) -> str:
    return f'ALTER TABLE {ALIAS}.{table} ADD COLUMN "{name}" {kind}'


def expire(
    con: duckdb.DuckDBPyConnection, loc: Location, run_started: datetime, night: int, days: int, nights: int
) -> list[str]:
    """Forget old snapshots and delete the files none of the kept ones reads: the lake keeps what time travel and open
    analyst sessions may still read, and no more (`night`: this night's snapshot). Returns what the caller should
    report (a clock that moved).

    The lake's own snapshot order decides, not the clock: the last NIGHTDESK_KEEP_NIGHTS nights (and every snapshot
    after the oldest of them) are kept whatever the clock says, and of the older ones only those committed more than
    NIGHTDESK_KEEP_DAYS ago go. When the clock disagrees with the lake (this night committed before an earlier one,
    or more than KEEP_DAYS after the last one) nothing is expired or deleted tonight: one night with a wrong clock
    must not throw history away. Data files no snapshot names (a run killed inside its transaction wrote them) go
    too: with a catalog of this warehouse's own, those written before this run began (the run lock kept any other
    writer out); with a shared catalog, only those older than a day, since another machine's night may be writing
    its files now."""
    found = snapshots(con)
    moved = clock_moved(found, night, days)
    if moved:
        return [moved]
    night_ids = [s.snapshot_id for s in found if s.run_id]
    floor = night_ids[-nights] if len(night_ids) >= nights else (night_ids[0] if night_ids else found[-1].snapshot_id)
    cutoff = datetime.now() - timedelta(days=days)
    old = [s.snapshot_id for s in found if s.snapshot_id < floor and s.committed_at < cutoff]
    if old:
        con.execute(sql_text("lake", "expire_snapshots.sql"), {"versions": old})
    con.execute(sql_text("lake", "cleanup_old_files.sql"), {"days": days})
    before = run_started if loc.local_catalog is not None else datetime.now() - timedelta(days=1)
    con.execute(sql_text("lake", "delete_orphans.sql"), {"before": before})
    return []


def clock_moved(found: list[Snapshot], night: int, days: int) -> str | None:
    """Why the clock cannot be trusted to expire snapshots tonight (None when it can): the night's snapshot was
    committed before an earlier snapshot, or more than `days` days after the last one before it."""
    this = next((s for s in found if s.snapshot_id == night), None)
    earlier = [s for s in found if s.snapshot_id < night]
    if this is None or not earlier:
        return None
    latest = max(earlier, key=lambda s: s.committed_at)
    if this.committed_at < latest.committed_at:
        return (
            f"the clock is behind the lake: snapshot {latest.snapshot_id} was committed at "
            f"{latest.committed_at:%Y-%m-%d %H:%M}, {_span(latest.committed_at - this.committed_at)} after this "
            "night's; no snapshot was expired and no file deleted tonight (check the machine's clock)"
        )
    gap = this.committed_at - earlier[-1].committed_at
    if gap > timedelta(days=days):
        return (
            f"this night was committed {_span(gap)} after the lake's previous snapshot "
            f"({earlier[-1].committed_at:%Y-%m-%d %H:%M}): the clock jumped ahead or the warehouse rested that long; "
            "no snapshot was expired and no file deleted tonight"
        )
    return None


def _span(delta: timedelta) -> str:
    return f"{delta.days} days" if delta.days else f"{delta.seconds // 60} minutes"


def lake_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables the attached lake has (at its snapshot): one a newer version added is made by its first night
    (ensure_tables), and a past snapshot never had it."""
    return {table for table, _column in con.execute(sql_text("lake", "columns.sql"), {"database": ALIAS}).fetchall()}


def files(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str | None]]:
    """(data file, its delete file or None) of every file of the table at the attached snapshot."""
    return con.execute(sql_text("lake", "list_files.sql"), {"table_name": table}).fetchall()


def table_files(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str | None]]]:
    """files() of every lake table at the attached snapshot; none for a table the lake does not have yet (a newer
    version's, made by its first night; a past snapshot never had it)."""
    present = lake_tables(con)
    return {table: files(con, table) if table in present else [] for table in LAKE_TABLES}


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, data: pa.Table):
    """The in-memory rows `data` readable under the name `name` for the block's statements."""
    con.register(name, data)
    try:
        yield
    finally:
        con.unregister(name)


def execute_with(con: duckdb.DuckDBPyConnection, name: str, data: pa.Table, statement: str) -> None:
    """Run `statement`, which reads the in-memory rows `data` under the name `name` (nothing when there are none)."""
    if not data.num_rows:
        return
    with registered(con, name, data):
        con.execute(statement)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Rows the run holds in memory into the lake table (nothing when there are none)."""
    execute_with(con, "incoming", data, table_sql(table, "lake", "insert_registered.sql"))


def read(con: duckdb.DuckDBPyConnection, table: str, columns: list[str] | None = None) -> pa.Table:
    """A table (or some of its columns, in the table's order) at the snapshot the session attached."""
    cols = columns or [f.name for f in schema(table)]
    return con.execute(table_sql(table, "lake", "read_columns.sql"), {"columns": cols}).to_arrow_table()


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: int
    committed_at: datetime
    run_id: str | None  # the nightly run that made it (its commit message), None for nightdesk's own upkeep
    note: str | None = None  # what nightdesk's own upkeep did: migration, entity corrections, compaction


def snapshots(con: duckdb.DuckDBPyConnection) -> list[Snapshot]:
    rows = con.execute(sql_text("lake", "snapshots.sql")).fetchall()
    out = []
    for sid, at, message, info in rows:
        # A night's extra info names its run; upkeep's commit message says what it did.
        night = bool(info) and '"run_id"' in info
        # Local time without a zone, as run ids and every other time in the warehouse are.
        committed = at.astimezone().replace(tzinfo=None)
        out.append(Snapshot(sid, committed, message if night else None, None if night else message))
    return out


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(sql_text("lake", "current_snapshot.sql")).fetchone()[0]


def find_snapshot(con: duckdb.DuckDBPyConnection, when: str) -> Snapshot:
    """The snapshot a run id names, or the last one committed at or before a date-time (with its UTC offset when it
    gives one, else local time, as the warehouse's times are). Only snapshots that hold the warehouse count: a
    night's, or nightdesk's own upkeep; those that made the lake's tables before its first night do not."""
    found = [s for s in snapshots(con) if s.run_id or s.note]
    for snap in found:
        if snap.run_id == when:
            return snap
    try:
        moment = datetime.fromisoformat(when.strip().replace("Z", "+00:00"))
    except ValueError:
        runs = [s.run_id for s in found if s.run_id]
        raise CatalogError(
            f"{when!r} is neither a run id of this warehouse nor a date-time (YYYY-MM-DD[THH:MM:SS][+HH:MM]); "
            f"runs: {', '.join(runs[-5:]) or 'none yet'}"
        ) from None
    if moment.tzinfo is not None:  # the same instant on this machine's clock, which the times above are in
        moment = moment.astimezone().replace(tzinfo=None)
    before = [s for s in found if s.committed_at <= moment]
    if not before:
        first = f"; its first night was committed at {found[0].committed_at:%Y-%m-%d %H:%M:%S}" if found else ""
        raise NothingBefore(f"the warehouse holds no night committed at or before {when}{first}")
    return before[-1]
