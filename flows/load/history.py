"""What nights changed: DuckLake's change feed, turned into one row per key (added, changed or removed)."""

from __future__ import annotations

import duckdb

from nightdesk.load.catalog import CatalogError, NothingBefore, current_snapshot, declared, find_snapshot
from nightdesk.load.schemas import table_sql

# The column that names a row of each table (the article tables replace whole articles: their key is the row's id).
KEYS = {
    "articles": "article_id",
    "entities": "entity_id",
    "entity_mentions": "mention_id",
    "quotes": "quote_id",
    "events": "event_id",
    "event_mentions": "mention_id",
    "event_statistics": "statistic_id",
    "runs": "run_id",
}


# Columns that say which run wrote a row, not what it says; and where a row's span is in its article's text.
BOOKKEEPING = ("run_id", "pipeline_version")
POSITIONS = ("start_char", "end_char", "speaker_start_char", "speaker_end_char", "cue_start_char", "spans",
             "via_start_char", "via_end_char")  # fmt: skip


def changes_since(
    con: duckdb.DuckDBPyConnection, since: str, table: str = "articles", moved: bool = False
) -> tuple[list[str], list[tuple]]:
    """(columns, rows): every key of `table` whose row the snapshots after `since` added, changed or removed (and,
    with `moved`, those that only moved to other offsets), by sql/lake/changes.sql."""
    if table not in KEYS:
        raise CatalogError(f"--table {table}: one of {', '.join(KEYS)}")
    try:
        start = find_snapshot(con, since).snapshot_id + 1
    except NothingBefore:  # a time before the first night: every night changed the table since
        start = 1
    end = current_snapshot(con)
    if start > end:
        return ["change", KEYS[table]], []
    columns = [name for name, _kind, _nullable in declared(table) if name not in BOOKKEEPING]
    sql = (
        table_sql(table, "lake", "changes.sql")
        .replace("$key", KEYS[table])
        .replace("$whole", ", ".join(f'f."{c}"' for c in columns))
        .replace("$content", ", ".join(f'f."{c}"' for c in columns if c not in POSITIONS))
    )
    cur = con.execute(sql, {"start": start, "end": end, "moved": moved})
    return [d[0] for d in cur.description], cur.fetchall()
