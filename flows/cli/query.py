"""The analyst's commands: `sql`, `search`, `export` and `schema`, all read-only on news.duckdb."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from nightdesk.cli.common import (
    FormatOpt,
    OutputFormat,
    WarehouseOpt,
    app,
    fail,
    on_connection,
    opened,
    out,
    print_rows,
)
from nightdesk.errors import NightdeskError
from nightdesk.settings import DEFAULT_WAREHOUSE


def read_sql(query: str | None, file: Path | None) -> str:
    """The SQL to run: the argument, a file (--file), or standard input (`-`)."""
    if query is not None and file is not None:
        raise fail("nightdesk sql: give the query as an argument or with --file, not both")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"nightdesk sql: cannot read {file}: {getattr(exc, 'strerror', None) or exc}") from None
    if query == "-":
        return sys.stdin.read()
    if query is None:
        raise fail(
            'nightdesk sql: no query; give one as an argument ("SELECT ..."), with --file PATH, or - to read standard input'
        )
    return query


def run_statements(con, text: str) -> list[tuple[str, list[str], list[tuple]]]:
    """Every statement of `text` in order; (statement, columns, rows) of each one that returns rows."""
    from nightdesk.load.readonly import refuse_writes

    statements = con.extract_statements(text)
    if not statements:
        raise fail("nightdesk sql: the query is empty (nothing but spaces, comments or semicolons)")
    refuse_writes(con, statements)  # NightdeskError: on_warehouse prints it as one line
    results = []
    for statement in statements:
        cur = con.execute(statement)
        columns = [d[0] for d in cur.description or []]
        if columns and columns != ["Success"]:  # SET, PRAGMA and the like answer "Success": nothing to show
            results.append((statement.query.strip(), columns, cur.fetchall()))
    return results


def on_warehouse(warehouse: str, command: str, failed: str, work, as_of: str | None = None):
    """`work(con)` on a read-only connection to news.duckdb (or to the lake as of a past night) that reaches no other
    file and no network; a missing warehouse or a DuckDB error is one line."""
    from nightdesk.load import catalog
    from nightdesk.load.warehouse import connect_analyst, connect_as_of

    folder, settings = opened(warehouse, command)
    loc = catalog.location(folder, settings)

    def connect():
        return (
            connect_as_of(folder, as_of.strip(), loc, settings.event_threshold)[0]
            if as_of
            else connect_analyst(folder, loc)
        )

    def diagnose(exc) -> str:
        from nightdesk.load import damage

        if not damage.FILE_ERRORS.search(str(exc)):
            return ""
        try:
            return damage.describe(loc)
        except Exception:  # noqa: BLE001  (the diagnosis must never hide the error itself)
            return ""

    return on_connection(connect, command, failed, work, diagnose)


@app.command(context_settings={"ignore_unknown_options": True})
def sql(
    # ignore_unknown_options: a query pasted with "$(cat file.sql)" may start with a "-- comment" line, which
    # would otherwise be taken for an option.
    query: Annotated[
        str | None, typer.Argument(help="SQL to run read-only against news.duckdb; - reads standard input.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the SQL from this file (e.g. sql/examples/01_...sql).")
    ] = None,
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    format: FormatOpt = OutputFormat.table,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Query the warehouse as a past night left it: a run id, or a date-time (the last night committed "
            "then). `nightdesk snapshots` lists them.",
        ),
    ] = None,
) -> None:
    """Run read-only SQL and print the result of every statement."""
    text = read_sql(query, file)
    results = on_warehouse(warehouse, "sql", "query failed", lambda con: run_statements(con, text), as_of)
    if len(results) > 1 and format != OutputFormat.table:
        raise fail(
            f"nightdesk sql: --format {format.value} prints one result and this SQL gave {len(results)}; "
            "run the statements one at a time, or use --format table"
        )
    for number, (statement, columns, rows) in enumerate(results, 1):
        if len(results) > 1:
            out.print(
                f"-- result {number} of {len(results)}: {' '.join(statement.split())[:100]}",
                markup=False,
                highlight=False,
            )
        print_rows(columns, rows, format)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in quotes (BM25 ranking, English stemming).")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many quotes to show.")] = 10,
    speaker: Annotated[str | None, typer.Option(help="Only quotes whose speaker matches (substring).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only quotes mentioning an entity whose name matches.")] = None,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only articles published on or after this day (YYYY-MM-DD)."),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only articles published on or before this day (YYYY-MM-DD)."),
    ] = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Ranked full-text search over quotes (BM25), with speaker, date and title."""
    from nightdesk.load.schemas import sql_text

    day = lambda d: d.date() if d else None  # noqa: E731
    params = {
        "query": query,
        "speaker": speaker,
        "entity": entity,
        "since": day(since),
        "until": day(until),
        "limit": limit,
    }

    def ranked(con):
        cur = con.execute(sql_text("search", "search_quotes.sql"), params)
        return [d[0] for d in cur.description], cur.fetchall()

    columns, rows = on_warehouse(warehouse, "search", "search failed", ranked)
    print_rows(columns, rows, format, title=f"quotes matching {query!r}")


@app.command()
def schema(
    markdown: Annotated[bool, typer.Option(help="Print docs/warehouse.md (the data dictionary as Markdown).")] = False,
) -> None:
    """The data dictionary: every table, view and column with its meaning."""
    from nightdesk.load.dictionary import describe, to_markdown

    relations = describe()
    if markdown:
        sys.stdout.write(to_markdown(relations) + "\n")
        return
    for rel in relations:
        table = Table(
            "column", "type", "meaning", title=f"{rel.name} ({rel.kind}): {rel.comment}", title_justify="left"
        )
        for name, kind, comment in rel.columns:
            table.add_row(name, kind, comment or "")
        out.print(table)


@app.command()
def export(
    to: Annotated[Path, typer.Option("--to", help="Folder to write (one subfolder per table and view).")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
) -> None:
    """Every table and analyst view as hive-partitioned Parquet (published_month=YYYY-MM), replacing an earlier export."""
    import duckdb

    from nightdesk.load import catalog
    from nightdesk.load.export import export as do_export

    folder, settings = opened(warehouse, "export")
    try:
        rows = do_export(folder, to, catalog.location(folder, settings))
    except NightdeskError as exc:
        raise fail(f"nightdesk export: {exc}") from None
    except (duckdb.Error, OSError) as exc:
        raise fail(f"export failed: {exc}") from None
    table = Table("table or view", "rows", title=f"exported to {to}")
    for name, n in rows.items():
        table.add_row(name, f"{n:,}")
    out.print(table)
