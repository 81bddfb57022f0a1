"""news.duckdb: the analysts' database, a small file of views over one lake snapshot's Parquet files.

Analysts open it with `duckdb.connect("news.duckdb", read_only=True)`: no extension, no catalog. Each lake table is a
view over the files `ducklake_list_files` names for the snapshot, less the rows its delete files name. So the file
holds no rows (the small reference tables aside; search reads the lake's quote_terms), and a night replaces it by an
atomic rename: a session that has it open keeps reading the snapshot it opened, whose files the lake keeps (see
nightdesk.load.night.EXPIRE_AFTER), and never sees half a night.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import duckdb

from nightdesk.load.catalog import Location, declared, reach_data, table_files
from nightdesk.load.extensions import connect as own_session
from nightdesk.load.fts import load_fts
from nightdesk.load.schemas import LAKE_TABLES, REFERENCE_TABLES, VIEWS, quoted, sql_text
from nightdesk.settings import SEEDS_DIR
from nightdesk.transform.events.scorer import load as load_scorer

DB_NAME = "news.duckdb"
NIGHTS = ".nights"  # the nights' analyst files news.duckdb links to (flows/load/warehouse.py swap_in), and builds


def _list(paths: list[str]) -> str:
    return "[" + ", ".join(f"'{quoted(p)}'" for p in paths) + "]"


def view_sql(table: str, files: list[tuple[str, str | None]]) -> str:
    """SELECT of the table's rows in `files` ((data file, its delete file or None)), with the table's columns and
    types also for files written before a column was added."""
    columns = [(name, kind) for name, kind, _nullable in declared(table)]
    typed = ", ".join(f'NULL::{kind} AS "{name}"' for name, kind in columns)
    parts = [f"SELECT {typed} WHERE false"]
    clean = [data for data, deletes in files if not deletes]
    dirty = [(data, deletes) for data, deletes in files if deletes]
    if clean:
        parts.append(f"SELECT * FROM read_parquet({_list(clean)}, union_by_name = true)")
    if dirty:
        parts.append(
            "SELECT f.* EXCLUDE (filename, file_row_number) "
            f"FROM read_parquet({_list([d for d, _ in dirty])}, union_by_name = true, filename = true, "
            "file_row_number = true) AS f "
            f"ANTI JOIN read_parquet({_list([x for _, x in dirty])}) AS d "
            "ON d.file_path = f.filename AND d.pos = f.file_row_number"
        )
    union = " UNION ALL BY NAME ".join(f"({p})" for p in parts)
    cast = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind in columns)
    return f"SELECT {cast} FROM ({union})"


def view_ddl(name: str, table: str, files: list[tuple[str, str | None]]) -> str:
    """CREATE VIEW of the table's rows in `files`: generated, since its SQL names the snapshot's files."""
    return f"CREATE VIEW {name} AS {view_sql(table, files)}"


def create_reference_tables(con: duckdb.DuckDBPyConnection, seeds_dir: Path = SEEDS_DIR) -> None:
    """Tables copied from the rule files (the PLOVER types), so checks and analysts join the one list."""
    for table in REFERENCE_TABLES:
        con.execute(sql_text("load", f"{table}.sql"), {"path": str(Path(seeds_dir) / f"{table}.csv")})


def create_search_macros(con: duckdb.DuckDBPyConnection) -> None:
    """quote_scores(query) and fts_main_quotes.match_bm25(quote_id, query): BM25 over the lake's quote_terms."""
    load_fts(con)  # stem()
    con.execute(sql_text("search", "quote_scores_macro.sql"))
    con.execute(sql_text("search", "fts_schema.sql"))
    con.execute(sql_text("search", "match_bm25_macro.sql"))


def event_threshold(seeds_dir: Path = SEEDS_DIR, setting: float | None = None) -> float:
    """The confidence the analyst views count events from: the setting, else the scorer's own default."""
    return setting if setting is not None else load_scorer(seeds_dir).threshold


def create_views_and_comments(con: duckdb.DuckDBPyConnection, threshold: float | None = None) -> None:
    """The analyst views (sql/marts/) and the data dictionary (sql/comments/) over existing tables; the views count
    events at or above `threshold` (event_threshold(): None reads the packaged scorer's)."""
    threshold = event_threshold() if threshold is None else threshold
    con.execute(sql_text("analyst", "analyst_settings.sql"), {"event_threshold": threshold})
    con.execute(sql_text("analyst", "event_threshold_macro.sql"))
    for view in VIEWS:
        con.execute(sql_text("marts", f"{view}.sql"))
    for name in LAKE_TABLES + REFERENCE_TABLES + VIEWS:
        con.execute(sql_text("comments", f"{name}.sql"))


def build(
    warehouse: Path,
    lake: duckdb.DuckDBPyConnection,
    snapshot: int,
    loc: Location,
    seeds_dir: Path = SEEDS_DIR,
    threshold: float | None = None,
) -> Path:
    """Write a new analyst file for the lake's snapshot beside the live one; returns its path (swap it in)."""
    (warehouse / NIGHTS).mkdir(exist_ok=True)
    building = warehouse / NIGHTS / f".building-{os.getpid()}.duckdb"
    remove_with_wal(building)
    con = own_session(str(building))
    try:
        reach_data(con, loc)  # a view reads its first file's columns when it is made
        con.execute(sql_text("analyst", "snapshot.sql"), {"snapshot": snapshot, "data_path": loc.data_path})
        for table, found in table_files(lake).items():
            con.execute(view_ddl(table, table, found))
        create_search_macros(con)
        create_reference_tables(con, seeds_dir)
        create_views_and_comments(con, event_threshold(seeds_dir, threshold))
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        remove_with_wal(building)
        raise
    con.close()
    with open(building, "rb+") as fh:
        os.fsync(fh.fileno())
    built = building.with_name(f"news-{snapshot}-{secrets.token_hex(4)}.duckdb")  # a name no other night had
    os.replace(building, built)
    return built


def wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def remove_with_wal(database: Path) -> None:
    for path in (database, wal(database)):
        path.unlink(missing_ok=True)
