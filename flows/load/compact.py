"""Compaction: each night adds a small file to every table it writes, and news.duckdb's views read the footer of
every file when a night publishes them, so without it publishing (and every scan) grows with the number of nights.
Once a table has NIGHTDESK_COMPACT_FILES small files, they are joined into one, in a snapshot of its own. Rows are
rewritten rarely (a night's rows about once per COMPACT_FILES nights at each size), so a night's cost stays the
night's, and time travel reads as before."""

from __future__ import annotations

import logging

import duckdb

from nightdesk.faults import checkpoint
from nightdesk.load.catalog import transaction
from nightdesk.load.schemas import LAKE_TABLES, sql_text
from nightdesk.settings import Settings

log = logging.getLogger(__name__)

SMALL_FILE = 16 * 2**20  # bytes: a file under this is small (a night of ~2,000 articles writes its mentions in less)
# A file with this share of its rows deleted (replaced articles) is rewritten without them; in a table smaller than
# SMALL_FILE (the entity tables, whose changed rows each night replaces) every file with a deleted row is.
DELETED_SHARE = 0.5


def table_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Each lake table's (small files, bytes of all its files) at the attached snapshot."""
    query = sql_text("lake", "table_files.sql")
    return {t: tuple(con.execute(query, {"table_name": t, "size": SMALL_FILE}).fetchone()) for t in LAKE_TABLES}


def compact(
    con: duckdb.DuckDBPyConnection, compact_files: int = Settings.model_fields["compact_files"].default
) -> list[str]:
    """Join the small files of each table that has NIGHTDESK_COMPACT_FILES of them (and rewrite its mostly deleted
    files), in one snapshot named 'compaction'; returns the tables compacted. A kill leaves the last snapshot and
    files no snapshot names, which the next run deletes."""
    due = {t: size for t, (small, size) in table_files(con).items() if small >= compact_files}
    if not due:
        return []
    with transaction(con):
        for table, size in due.items():
            share = 0.0 if size < SMALL_FILE else DELETED_SHARE
            con.execute(sql_text("lake", "rewrite_deleted_files.sql"), {"table_name": table, "share": share})
            con.execute(sql_text("lake", "merge_small_files.sql"), {"table_name": table, "size": SMALL_FILE})
        con.execute(sql_text("lake", "commit_message.sql"), {"message": "compaction", "info": None})
        checkpoint("compact")  # a kill here must leave the night committed and the joined files unreferenced
    log.info("joined the small files of %s", ", ".join(due))
    return list(due)
