"""What the commands share: the app, the consoles, common options and row printing."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from nightdesk.settings import Settings

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="nightdesk: nightly news → entities, quotes and events."
)
# Piped to a file or another program, a table keeps its full width: rich would cut every cell to 80 columns.
out = Console(width=None if sys.stdout.isatty() else 10_000)
err = Console(stderr=True)


WarehouseOpt = Annotated[
    str,
    typer.Option(
        "--warehouse",
        "-w",
        envvar="NIGHTDESK_WAREHOUSE",
        help="Warehouse folder (holds news.duckdb, catalog.sqlite and data/), or s3://bucket/prefix with "
        "NIGHTDESK_CATALOG set.",
    ),
]


def opened(warehouse: str | Path, command: str, **arguments) -> tuple[Path, Settings]:
    """The command's settings (its options over the environment, `.env` and the defaults), built once, and the
    warehouse's local folder (for s3://bucket/prefix, the folder of its local state); a wrong setting is one line."""
    from nightdesk.settings import SettingError

    try:
        settings = Settings.load(warehouse=str(warehouse), **arguments)
    except SettingError as exc:
        raise fail(f"nightdesk {command}: {exc}") from None
    return settings.warehouse_dir, settings


def on_connection(connect, command: str, failed: str, work, diagnose=None):
    """`work(con)` on the session `connect()` opens, closed after; a NightdeskError (a missing warehouse, a run id
    not found) or a DuckDB error ends the command with one line. `diagnose(exc)`: words to add to a DuckDB error
    that came from a data file (which file is damaged)."""
    import duckdb

    from nightdesk.errors import NightdeskError

    try:
        con = connect()
        try:
            return work(con)
        finally:
            con.close()
    except NightdeskError as exc:
        raise fail(f"nightdesk {command}: {exc}") from None
    except duckdb.Error as exc:
        raise fail(f"{failed}: {' '.join(str(exc).split())}{diagnose(exc) if diagnose else ''}") from None


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, csv or json.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line (what happened, what to do) and return the exit to raise. Not through rich: it would wrap the
    line at 80 columns when stderr is a pipe or a log file."""
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()
    return typer.Exit(code)


MIN_COLUMN = 8  # the narrowest a column of a table may be before rows are printed one field a line


def print_rows(columns: list[str], rows: list[tuple], format: OutputFormat, title: str | None = None) -> None:
    if format == OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")  # `\r\n` would stick to the last value in a shell
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == OutputFormat.json:
        sys.stdout.write(
            json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False, indent=1)
            + "\n"
        )
    else:
        cells = [["" if v is None else str(v) for v in r] for r in rows]
        # An id is copied into the next command: never cut or wrapped, whatever the terminal's width. Where the ids
        # and a few characters of every other column do not fit, each row is printed as lines of its own.
        ids = {i: max((len(c[i]) for c in cells), default=0) for i, name in enumerate(columns) if name.endswith("_id")}
        needed = sum(max(w, len(columns[i])) for i, w in ids.items()) + MIN_COLUMN * (len(columns) - len(ids))
        if ids and cells and out.width < needed + 3 * len(columns) + 1:
            if title:
                out.print(title, markup=False)
            for c in cells:
                for name, value in zip(columns, c, strict=True):
                    out.print(f"{name}: {value}", markup=False, highlight=False, soft_wrap=True)
                out.print()
            return
        table = Table(title=title)
        for i, name in enumerate(columns):
            if i in ids:
                table.add_column(name, no_wrap=True, min_width=max(ids[i], len(name)))
            else:
                table.add_column(name)
        for c in cells:
            table.add_row(*c)
        out.print(table)
