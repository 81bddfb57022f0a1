"""Moving a warehouse of the old layout (Parquet files under lake/ named by lake/_manifest.json) into the DuckLake.

The first run of this version does it, before its own night, in one lake transaction that commits only when every
table's row count and checksum in the lake equal those of the files the manifest names. The old files are left
where they were (a person removes lake/ after looking); lake/MIGRATED records the figures.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.load import catalog
from nightdesk.load import manifest_lake as old
from nightdesk.load.analyst import view_ddl
from nightdesk.load.lake import atomic_write_bytes
from nightdesk.load.night import add_quote_terms, search_stopwords
from nightdesk.load.schemas import TABLES, schema, sql_text, table_sql

log = logging.getLogger(__name__)
MARKER = "MIGRATED"


class MigrationFailed(NightdeskError, RuntimeError):
    pass


def needs_migration(warehouse: Path) -> bool:
    lake = warehouse / "lake"
    return (lake / old.MANIFEST).exists() and not (lake / MARKER).exists()


def checksum_sql(table: str, relation: str) -> str:
    """Row count and an order-free checksum of every column the table has (in the schema's order) in `relation`."""
    cols = ", ".join(f'"{c}"' for c in schema(table).names)
    return f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM (SELECT {cols} FROM {relation}) AS t"


def migrate_if_needed(
    warehouse: Path, loc: catalog.Location, notes: list[str] | None = None
) -> dict[str, tuple[int, int]] | None:
    """Move an old-layout warehouse into the lake; returns {table: (rows, checksum)}, or None when nothing to do
    (what the run should report goes into `notes`)."""
    if not needs_migration(warehouse):
        return None
    lake = warehouse / "lake"
    if catalog.exists(loc):
        con = catalog.connect(loc, read_only=True)
        try:
            nights = sum(1 for s in catalog.snapshots(con) if s.run_id or s.note)
        finally:
            con.close()
        if nights:  # the DuckLake is the warehouse: a manifest beside it (left over, or put back) is not read
            note = (
                f"{lake / old.MANIFEST} was not read: this warehouse's lake is the DuckLake catalog {loc.catalog} "
                f"({nights} snapshot{'' if nights == 1 else 's'} of nights and upkeep); move {lake} aside to silence this warning"
            )
            log.warning(note)
            if notes is not None:
                notes.append(note)
            return None
    manifest = old.read_manifest(lake)  # a damaged old lake stops here, naming what is wrong
    con = catalog.connect(loc, create=True)
    figures: dict[str, tuple[int, int]] = {}
    try:
        sources = {t: [(str(lake / f), None) for f in manifest.get(t, [])] for t in TABLES}
        con.execute("ATTACH ':memory:' AS migrating")
        search_stopwords(con)
        for table, files in sources.items():  # before the transaction, which may write only the lake
            con.execute(view_ddl(f"migrating.{table}", table, files))
        with catalog.transaction(con):
            for table in TABLES:
                con.execute(table_sql(table, "lake", "insert_migrating.sql"))
                before = con.execute(checksum_sql(table, f"migrating.{table}")).fetchone()
                after = con.execute(checksum_sql(table, f"{catalog.ALIAS}.{table}")).fetchone()
                if tuple(before) != tuple(after):
                    raise MigrationFailed(
                        f"{table}: {before[0]} rows (checksum {before[1]}) in the old lake but {after[0]} rows "
                        f"(checksum {after[1]}) in the new one; nothing was changed"
                    )
                figures[table] = (int(after[0]), int(after[1]))
            # The old lake had no search terms: they are made from its quotes, as a night makes them.
            con.execute("SET search_path = 'migrating.main'")
            try:
                add_quote_terms(con, sql_text("search", "quote_terms.sql"))
            finally:
                con.execute("RESET search_path")
            info = json.dumps({"migrated_from": str(lake / old.MANIFEST)})
            con.execute(sql_text("lake", "commit_message.sql"), {"message": "migration", "info": info})
    finally:
        con.close()
    atomic_write_bytes(lake / MARKER, json.dumps({t: list(v) for t, v in figures.items()}, indent=1).encode())
    log.warning(
        "moved the old lake of %s into the DuckLake (%s); rows and checksums agree for every table. The old files "
        "under %s are no longer read: remove that folder when you have looked.",
        warehouse,
        ", ".join(f"{t} {n:,}" for t, (n, _c) in figures.items() if n),
        lake,
    )
    return figures
