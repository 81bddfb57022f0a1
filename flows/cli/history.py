"""`nightdesk snapshots` and `nightdesk changes`: the lake's nights, and what one or more nights changed."""

from __future__ import annotations

from typing import Annotated

import typer

from nightdesk.cli.common import FormatOpt, OutputFormat, WarehouseOpt, app, on_connection, opened, print_rows
from nightdesk.settings import DEFAULT_WAREHOUSE


def _lake(warehouse: str, command: str, work):
    from nightdesk.load import catalog

    folder, settings = opened(warehouse, command)

    def connect():
        return catalog.connect(catalog.location(folder, settings), read_only=True)

    return on_connection(connect, command, f"nightdesk {command} failed", work)


@app.command()
def snapshots(warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE), format: FormatOpt = OutputFormat.table) -> None:
    """Every committed snapshot of the lake: the nights (by run id) and nightdesk's own upkeep."""
    from nightdesk.load.catalog import snapshots as listed

    def rows(con):
        return [(s.snapshot_id, s.committed_at, s.run_id or "", s.note or "") for s in listed(con)]

    print_rows(["snapshot_id", "committed_at", "run_id", "upkeep"], _lake(warehouse, "snapshots", rows), format)


@app.command()
def changes(
    since: Annotated[str, typer.Option("--since", help="A run id or date-time: what the nights after it changed.")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    table: Annotated[str, typer.Option(help="The table whose changed rows to list.")] = "articles",
    moved: Annotated[
        bool, typer.Option("--moved", help="Also list rows whose content is the same at other offsets.")
    ] = False,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """What the nights after RUN_ID added, changed and removed, one row per changed row of a table (by its key); a row
    written again as it was (its article was recomputed or replaced) is no change."""
    from nightdesk.load.history import changes_since

    def rows(con):
        return changes_since(con, since.strip(), table, moved)

    columns, found = _lake(warehouse, "changes", rows)
    print_rows(columns, found, format, title=f"{table}: changed after {since}")
