"""The `nightdesk` command line (CONTRACT.md names its commands and options)."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import flows  # noqa: F401  (sets the Prefect environment before Prefect is imported)
from flows.settings import DEFAULT_INPUT, DEFAULT_WAREHOUSE

app = typer.Typer(add_completion=False, no_args_is_help=True, help="nightdesk: nightly news → entities, quotes and events.")
out = Console()
err = Console(stderr=True)

WarehouseOpt = Annotated[Path, typer.Option("--warehouse", "-w", help="Warehouse folder (holds news.duckdb and lake/).")]


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, csv or json.")]


def _print_rows(columns: list[str], rows: list[tuple], format: OutputFormat, title: str | None = None) -> None:
    if format == OutputFormat.csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == OutputFormat.json:
        import json

        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False, indent=1) + "\n")
    else:
        table = Table(*columns, title=title)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        out.print(table)


def print_summary(summary) -> None:
    seconds = (summary.finished_at - summary.started_at).total_seconds()
    table = Table(title=f"run {summary.run_id}", show_header=False)
    table.add_row("warehouse", summary.warehouse)
    table.add_row("articles seen", str(summary.articles_seen))
    table.add_row("loaded (new or changed)", str(summary.articles_loaded))
    table.add_row("unchanged", str(summary.articles_unchanged))
    table.add_row("rejected", str(summary.articles_rejected))
    if summary.articles_outside_window:
        table.add_row("outside the --since/--until window", str(summary.articles_outside_window))
    table.add_row("tokens processed", str(summary.tokens))
    if summary.transform_seconds:
        rate = summary.tokens / summary.transform_seconds
        table.add_row("transform", f"{summary.transform_seconds:.1f} s, {rate:,.0f} tokens/s")
    table.add_row("wall time", f"{seconds:.1f} s")
    for stage, sec in summary.timings.items():
        table.add_row(f"  {stage}", f"{sec:.1f} s")
    for name, rows in summary.table_rows.items():
        table.add_row(f"rows in {name}", str(rows))
    out.print(table)
    if summary.rejections:
        rej = Table(title="rejected inputs (also in table rejected_inputs)")
        rej.add_column("input")
        rej.add_column("reason")
        for r in summary.rejections:
            rej.add_row(r.source_uri, r.reason)
        out.print(rej)


@app.command()
def run(
    input: Annotated[list[Path] | None, typer.Option("--input", "-i", help="File or folder (repeatable).")] = None,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    reprocess: Annotated[bool, typer.Option(help="Recompute every article, also unchanged ones.")] = False,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Backfill: only articles published on or after this day.")] = None,
    until: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Backfill: only articles published on or before this day.")] = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait for a run already writing this warehouse.")] = 0.0,
    dask: Annotated[
        str | None, typer.Option(envvar="NIGHTDESK_DASK_ADDRESS", help="Dask scheduler (tcp://host:8786) to run transform batches on.")
    ] = None,
) -> None:
    """Extract, transform and load the inputs into the warehouse (the nightly job)."""
    from flows.prefect_server import start_early

    if err.is_terminal and not os.environ.get("PREFECT_API_URL"):
        # Prefect's own start-up lines are hidden at a terminal (flows/settings.py); say why nothing moves yet.
        err.print("[dim]starting Prefect's temporary server (8-25 s on a small machine) ...[/]")
    server = start_early()  # it boots while the imports below run
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        PREFECT_UI_URL,
        temporary_settings,
    )

    from flows.nightly import nightly_on

    inputs = [str(p) for p in (input or [DEFAULT_INPUT])]
    try:
        api = server.wait_ready(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()) if server else None
        # No UI on this server: an empty UI URL keeps Prefect from logging dead "View at" links.
        with temporary_settings(updates={PREFECT_API_URL: api, PREFECT_UI_URL: ""}) if api else contextlib.nullcontext():
            summary = nightly_on(dask)(
                inputs=inputs,
                warehouse=str(warehouse),
                reprocess=reprocess,
                since=since.date() if since else None,
                until=until.date() if until else None,
                wait_seconds=wait,
                show_progress=err.is_terminal,
                dask_address=dask,
            )
    except Exception as exc:  # the run itself failed: say why, exit non-zero
        err.print(f"[bold red]nightdesk run failed:[/] {exc}")
        raise typer.Exit(1) from None
    print_summary(summary)


@app.command()
def serve(
    input: Annotated[list[Path] | None, typer.Option("--input", "-i", help="File or folder (repeatable).")] = None,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    cron: Annotated[str, typer.Option(help="When to run (cron syntax).")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron schedule (IANA name).")] = "UTC",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "nightly",
) -> None:
    """Register the nightly deployment with its schedule on a Prefect server and serve it (runs until stopped)."""
    from prefect.schedules import Cron

    from flows.nightly import nightly

    if not os.environ.get("PREFECT_API_URL"):
        err.print(
            "[bold red]nightdesk serve needs a Prefect server:[/] start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (or run `nightdesk run` from cron or a systemd timer instead)."
        )
        raise typer.Exit(2)
    parameters = {"inputs": [str(p.resolve()) for p in (input or [DEFAULT_INPUT])], "warehouse": str(warehouse.resolve())}
    nightly.serve(name=name, schedules=[Cron(cron, timezone=timezone)], parameters=parameters)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run read-only against news.duckdb.")],
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Run a read-only SQL query and print the result."""
    import duckdb

    from flows.load.warehouse import connect_read_only

    try:
        con = connect_read_only(warehouse)
        try:
            cur = con.execute(query)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
        finally:
            con.close()
    except (duckdb.Error, FileNotFoundError) as exc:
        err.print(f"[bold red]query failed:[/] {exc}")
        raise typer.Exit(1) from None
    _print_rows(columns, rows, format)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in quotes (BM25 ranking, English stemming).")],
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many quotes to show.")] = 10,
    speaker: Annotated[str | None, typer.Option(help="Only quotes whose speaker matches (substring).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only quotes mentioning an entity whose name matches.")] = None,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on or before this date (YYYY-MM-DD).")] = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Ranked full-text search over quotes (BM25), with speaker, date and title."""
    import duckdb

    from flows.load.fts import load_fts
    from flows.load.schemas import sql_text
    from flows.load.warehouse import connect_read_only

    params = {"query": query, "speaker": speaker, "entity": entity, "since": since, "until": until, "limit": limit}
    try:
        con = connect_read_only(warehouse)
        try:
            load_fts(con)
            cur = con.execute(sql_text("search", "search_quotes.sql"), params)
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
        finally:
            con.close()
    except (duckdb.Error, FileNotFoundError) as exc:
        err.print(f"[bold red]search failed:[/] {exc}")
        raise typer.Exit(1) from None
    _print_rows(columns, rows, format, title=f"quotes matching {query!r}")


@app.command()
def schema(
    markdown: Annotated[bool, typer.Option(help="Print docs/warehouse.md (the data dictionary as Markdown).")] = False,
) -> None:
    """The data dictionary: every table, view and column with its meaning."""
    from flows.load.dictionary import describe, to_markdown

    relations = describe()
    if markdown:
        sys.stdout.write(to_markdown(relations) + "\n")
        return
    for rel in relations:
        table = Table("column", "type", "meaning", title=f"{rel.name} ({rel.kind}): {rel.comment}", title_justify="left")
        for name, kind, comment in rel.columns:
            table.add_row(name, kind, comment or "")
        out.print(table)


@app.command()
def export(
    to: Annotated[Path, typer.Option("--to", help="Folder to write (one subfolder per table).")],
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
) -> None:
    """Every table as hive-partitioned Parquet (published_month=YYYY-MM), replacing an earlier export."""
    import duckdb

    from flows.load.export import export as do_export

    try:
        rows = do_export(warehouse, to)
    except (duckdb.Error, FileNotFoundError, OSError) as exc:
        err.print(f"[bold red]export failed:[/] {exc}")
        raise typer.Exit(1) from None
    table = Table("table", "rows", title=f"exported to {to}")
    for name, n in rows.items():
        table.add_row(name, str(n))
    out.print(table)


eval_app = typer.Typer(no_args_is_help=True, help="Score the real pipeline on an annotated corpus folder.")
app.add_typer(eval_app, name="eval")

EvalWarehouseOpt = Annotated[
    Path | None,
    typer.Option("--warehouse", "-w", help="Warehouse to build the corpus into (default: a new temporary one)."),
]


@eval_app.command("entities")
def eval_entities(
    folder: Annotated[Path, typer.Argument(help="Folder with articles.jsonl and gold.json (GUM format).")],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many example splits and merges.")] = 0,
) -> None:
    """Within-document B-cubed and cross-document pairwise F1 of entity normalization."""
    from flows.evaluate import entities as ev
    from flows.evaluate.common import connect, eval_docs, load_corpus, run_pipeline
    from flows.load.schemas import sql_text

    records, gold = load_corpus(folder)
    wh = run_pipeline(folder, warehouse)
    con = connect(wh)
    docs = eval_docs(con, records)
    mentions = con.execute(sql_text("eval", "entity_mentions.sql")).fetchall()
    con.close()
    items, unaligned = ev.align(docs, mentions, gold)
    p, r, f = ev.b_cubed(items)
    cp, cr, cf, n_items = ev.cross_document(items)
    table = Table("measure", "precision", "recall", "F1", title=f"entities: {folder} ({len(docs)} documents)")
    table.add_row("within-document B-cubed", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    table.add_row("cross-document pairwise", f"{cp:.3f}", f"{cr:.3f}", f"{cf:.3f}")
    out.print(table)
    out.print(f"{len(items)} system mentions aligned to gold, {unaligned} outside every gold mention; "
              f"{n_items} (document, identity) items")
    for line in ev.errors(items, show_errors):
        out.print(line, markup=False, highlight=False)


@eval_app.command("quotes")
def eval_quotes(
    folder: Annotated[Path, typer.Argument(help="Folder with articles.jsonl and gold.json (PolNeAR format).")],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many speaker errors.")] = 0,
) -> None:
    """Quote precision, recall and F1 at Dice 0.3 and 0.8, and speaker accuracy."""
    from flows.evaluate import quotes as ev
    from flows.evaluate.common import load_corpus, run_pipeline, system_rows
    from flows.transform.nlp import load_nlp

    records, gold = load_corpus(folder)
    system = system_rows(run_pipeline(folder, warehouse), "quotes")
    gold = {r["id"]: gold.get(r["id"], []) for r in records}
    nlp = load_nlp()
    not_needed = [p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")]

    @functools.cache  # both thresholds judge the same cues
    def lemmatize(text: str) -> tuple[str, ...]:
        return tuple(t.lemma_.lower() for t in nlp(text, disable=not_needed))

    loose = ev.score(system, gold, lemmatize, 0.3)
    strict = ev.score(system, gold, lemmatize, 0.8)
    table = Table("Dice", "precision", "recall", "F1", "system", "speech-cue gold", title=f"quotes: {folder}")
    for name, s in (("0.3", loose), ("0.8", strict)):
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.system), str(s.gold_speech))
    out.print(table)
    out.print(f"speaker accuracy (Dice 0.3 matches with a named gold source): {loose.speaker_accuracy:.3f} "
              f"({loose.speaker_right}/{loose.speaker_checked})")
    for line in loose.examples[:show_errors]:
        out.print(line, markup=False, highlight=False)


@eval_app.command("events")
def eval_events(
    folder: Annotated[Path, typer.Argument(help="Folder with articles.jsonl and gold.json (PLOVER format).")],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many missed types and actor errors.")] = 0,
) -> None:
    """PLOVER type recall, coverage and actor accuracy."""
    from flows.evaluate import events as ev
    from flows.evaluate.common import load_corpus, run_pipeline, system_rows

    records, gold = load_corpus(folder)
    system = system_rows(run_pipeline(folder, warehouse), "events")
    scores = ev.score(system, {r["id"]: gold[r["id"]] for r in records if r["id"] in gold})
    table = Table("measure", "value", title=f"events: {folder} ({scores.sentences} gold sentences)")
    table.add_row("type recall", f"{scores.type_recall:.3f}")
    table.add_row("coverage (any event)", f"{scores.coverage:.3f}")
    table.add_row("actor accuracy", f"{scores.actor_accuracy:.3f} ({scores.actor_right}/{scores.actor_checked})")
    table.add_row("system events", str(sum(map(len, system.values()))))
    out.print(table)
    for (want, got), n in scores.confusion.most_common(show_errors):
        out.print(f"missed {want}: system gave {got} ({n}x)", markup=False, highlight=False)
    for line in scores.examples[:show_errors]:
        out.print(line, markup=False, highlight=False)


if __name__ == "__main__":
    app()
