"""Bulk loads that bypass the pipeline: the scale benchmark's big warehouse (bench/scale.py)."""

from __future__ import annotations

from pathlib import Path

from nightdesk.load import catalog, forms
from nightdesk.load.analyst import DB_NAME
from nightdesk.load.catalog import ALIAS
from nightdesk.load.folder import claim
from nightdesk.load.night import row_counts
from nightdesk.load.schemas import ARTICLE_TABLES, COUNT_TABLES, LAKE_TABLES, schema, sql_text, table_sql
from nightdesk.load.warehouse import publish_snapshot

COPIES_PER_INSERT = 200
# Key columns that name one row or one article: a copy's get a suffix. Entity ids stay: copies mention the same people.
COPIED_KEYS = {
    "article_id",
    "source_id",
    "mention_id",
    "quote_id",
    "event_id",
    "story_id",
    "duplicate_of",
    "cluster_id",
}
COPIED_KEYS |= {"url_key"}
# Copy k is a day later and a text of its own (a signature of its own, like no other): the big warehouse is k days of
# distinct news, not one day's articles thousands of times over, which would make every night's article a copy of
# thousands and every event a report of thousands.
SHIFTED = {
    "published_at": "b.published_at + to_days(r.k::INTEGER)",
    "event_date": "b.event_date + r.k::INTEGER",
    "minhash": "list_transform(b.minhash, x -> (hash(x, r.k) % 4294967296)::UINTEGER)",
}


def copies_insert(table: str, first: int, last: int) -> str:
    """INSERT of copies first..last-1 of base's rows: generated, since the key columns it renames vary by table."""
    names = schema(table).names
    replace = ", ".join(
        [f"b.{c} || '~' || r.k AS {c}" for c in names if c in COPIED_KEYS]
        + [f"{expression} AS {c}" for c, expression in SHIFTED.items() if c in names]
    )
    return f"INSERT INTO {ALIAS}.{table} SELECT b.* REPLACE ({replace}) FROM base.{table} AS b, range({first}, {last}) AS r(k)"


def seed_copies(base: Path, target: Path, copies: int) -> dict[str, int]:
    """A new warehouse at `target` holding every row of the warehouse `base` `copies` times under new ids, committed
    as one night (named by base's last run); returns its row counts."""
    claim(target)
    con = catalog.connect(catalog.location(target), create=True)
    try:
        con.execute(f"ATTACH '{base / DB_NAME}' AS base (READ_ONLY)")
        run_id = con.execute(sql_text("bench", "last_run.sql")).fetchone()[0]
        with catalog.transaction(con):
            for table in LAKE_TABLES:
                if table in COUNT_TABLES:
                    continue  # counted from the copies' mentions below
                steps = range(0, copies, COPIES_PER_INSERT) if table in ARTICLE_TABLES else [None]
                for first in steps:
                    if first is None:
                        con.execute(table_sql(table, "bench", "copy_table.sql"))
                    else:
                        con.execute(copies_insert(table, first, min(first + COPIES_PER_INSERT, copies)))
            forms.recount(con)
            con.execute(sql_text("lake", "commit_message.sql"), {"message": run_id, "info": None})
        con.execute("DETACH base")
        publish_snapshot(target, con)
        return row_counts(con)
    finally:
        con.close()
