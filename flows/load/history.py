"""What nights changed: DuckLake's change feed, turned into one row per key (added, changed or removed)."""

from __future__ import annotations

import duckdb

from flows.load.catalog import CatalogError, current_snapshot, find_snapshot
from flows.load.schemas import table_sql

# The column that names a row of each table (the article tables replace whole articles: their key is the row's id).
KEYS = {
    "articles": "article_id",
    "entities": "entity_id",
    "entity_mentions": "mention_id",
    "quotes": "quote_id",
    "events": "event_id",
    "event_mentions": "mention_id",
    "runs": "run_id",
}


def changes_since(con: duckdb.DuckDBPyConnection, since: str, table: str = "articles") -> tuple[list[str], list[tuple]]:
    """(columns, rows): every key of `table` that a snapshot after `since` inserted or deleted (sql/lake/changes.sql)."""
    if table not in KEYS:
        raise CatalogError(f"--table {table}: one of {', '.join(KEYS)}")
    start = find_snapshot(con, since).snapshot_id + 1
    end = current_snapshot(con)
    if start > end:
        return ["change", KEYS[table]], []
    sql = table_sql(table, "lake", "changes.sql").replace("$key", KEYS[table])
    cur = con.execute(sql, {"start": start, "end": end})
    return [d[0] for d in cur.description], cur.fetchall()
