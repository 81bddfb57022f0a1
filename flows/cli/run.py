"""`nightdesk run` (the nightly job once, now) and `nightdesk serve` (on a schedule, through a Prefect server)."""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import io
import os
import signal
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

import nightdesk
from nightdesk.cli.common import WarehouseOpt, app, err, fail, opened, out
from nightdesk.errors import NightdeskError
from nightdesk.report import other_languages
from nightdesk.settings import DEFAULT_INPUT, DEFAULT_WAREHOUSE, unknown_variables

# Characters Prefect refuses in a deployment name (it raised a traceback from inside serve).
DEPLOYMENT_NAME_FORBIDS = "/%&><"
MAX_LISTED = 50  # rows of a list in the printed summary; the tables hold all of them

InputOpt = Annotated[list[Path] | None, typer.Option("--input", "-i", help="File or folder (repeatable).")]


def print_summary(summary, wall_seconds: float) -> None:
    """The run's counts and where its time went: one row per stage, adding up to the whole command."""
    table = Table(title=f"run {summary.run_id}", show_header=False)
    table.add_row("warehouse", summary.warehouse)
    table.add_row("articles seen", str(summary.articles_seen))
    table.add_row("loaded (new or changed)", str(summary.articles_loaded))
    if summary.articles_recomputed:
        table.add_row(
            "  of which recomputed: the rules changed",
            f"{summary.articles_recomputed} ({', '.join(summary.recomputed_because)})",
        )
    if summary.replaced:
        table.add_row("  of which replaced a changed version", str(len(summary.replaced)))
    if summary.other_language:
        table.add_row("  of which not parsed: another language", other_languages(summary.other_language))
    table.add_row("unchanged", str(summary.articles_unchanged))
    if summary.articles_rejected_before:
        table.add_row("  of which rejected before, not retried", str(summary.articles_rejected_before))
    table.add_row("rejected", str(summary.articles_rejected))
    if summary.warnings:
        table.add_row("fields left out of loaded articles", str(len(summary.warnings)))
    if summary.articles_outside_window:
        table.add_row("outside the --since/--until window", str(summary.articles_outside_window))
    table.add_row("tokens processed", f"{summary.tokens:,}")
    table.add_row("data checks passed", f"{summary.checks_passed} of {len(summary.checks)}")
    stages = dict(summary.timings)
    table.add_row("start-up (Prefect server, imports, model)", f"{max(wall_seconds - sum(stages.values()), 0.0):.1f} s")
    for stage, seconds in stages.items():
        rate = (
            f", {summary.tokens / seconds:,.0f} tokens/s" if stage == "transform" and summary.tokens and seconds else ""
        )
        table.add_row(stage, f"{seconds:.1f} s{rate}")
    table.add_row("wall time (whole command)", f"{wall_seconds:.1f} s")
    for name, rows in summary.table_rows.items():
        table.add_row(f"rows in {name}", f"{rows:,}")
    out.print(table)
    for note in summary.notes:
        err.print(f"warning: {note}", markup=False, soft_wrap=True)
    for path in summary.empty_inputs:
        err.print(
            f"warning: input folder {path} holds no file at all (is it the right folder, and mounted?)", markup=False
        )
    if summary.replaced:
        lines = ["articles replaced with a changed version (nightdesk changes lists their rows):"]
        lines += [
            f"  {uri} ({article_id}): its {what} changed" + (f"; it came from {before} before" if before != uri else "")
            for article_id, uri, what, before in summary.replaced[:MAX_LISTED]
        ]
        if len(summary.replaced) > MAX_LISTED:
            lines.append(
                f"  ... and {len(summary.replaced) - MAX_LISTED} more: nightdesk changes --since <the last run>"
            )
        out.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    if summary.warnings:
        # One line each, never wrapped: a field's value and reason read whole in a log.
        lines = ["fields left out of loaded articles (also in table input_warnings):"]
        lines += [
            f'  {w["source_uri"]}: {w["field"]} "{w["value"]}": {w["reason"]}' for w in summary.warnings[:MAX_LISTED]
        ]
        if len(summary.warnings) > MAX_LISTED:
            lines.append(
                f"  ... and {len(summary.warnings) - MAX_LISTED} more: "
                f"nightdesk sql \"FROM input_warnings WHERE run_id = '{summary.run_id}'\""
            )
        out.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    if summary.rejections:
        rej = Table(title="rejected inputs (also in table rejected_inputs)")
        rej.add_column("input")
        rej.add_column("reason")
        for r in summary.rejections:
            rej.add_row(r.source_uri, r.reason)
        out.print(rej)


def _warehouse_state(warehouse: Path, settings) -> tuple[int | None, int | None]:
    """The lake's last snapshot and the live database file: what a run changes when it commits and swaps."""
    from nightdesk.load import catalog
    from nightdesk.load.warehouse import DB_NAME

    try:
        con = catalog.connect(catalog.location(warehouse, settings), read_only=True)
        try:
            manifest = catalog.current_snapshot(con)
        finally:
            con.close()
    except Exception:  # noqa: BLE001  (no lake yet, or one that cannot be read: either way not a new night)
        manifest = None
    try:
        inode = (warehouse / DB_NAME).stat().st_ino
    except OSError:
        inode = None
    return manifest, inode


def interrupted_message(before, after) -> str:
    if after == before:
        return "interrupted; the warehouse is unchanged (the next run starts afresh)"
    if after[1] != before[1]:
        return "interrupted after the run had finished loading: the warehouse holds the new night"
    return "interrupted while the new night was being swapped in: the lake has it, and the next run brings news.duckdb up to date"


@app.command()
def run(
    input: InputOpt = None,
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    reprocess: Annotated[bool, typer.Option(help="Recompute every article, also unchanged ones.")] = False,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Backfill: only articles published on or after this day."),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Backfill: only articles published on or before this day."),
    ] = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for a run already writing this warehouse.")] = 0.0,
    dask: Annotated[
        str | None,
        typer.Option(
            envvar="NIGHTDESK_DASK_ADDRESS", help="Dask scheduler (tcp://host:8786) to run transform batches on."
        ),
    ] = None,
) -> None:
    """Extract, transform and load the inputs into the warehouse (the nightly job)."""
    from nightdesk.extract.discover import check_inputs
    from nightdesk.load.folder import check_folder
    from nightdesk.load.lock import run_lock

    # `kill -USR1 <pid>` prints every thread's stack to stderr: what a stuck night is doing, without stopping it.
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):  # a stderr without a descriptor
        faulthandler.register(signal.SIGUSR1, all_threads=True)
    inputs = [str(p) for p in (input or [DEFAULT_INPUT])]
    if since and until and since > until:
        raise fail(
            f"nightdesk run: --since {since:%Y-%m-%d} is after --until {until:%Y-%m-%d}: no day is in that window"
        )
    # Every setting checked before any work (the flow builds the same settings again, in its own process when served).
    folder, settings = opened(warehouse, "run", dask_address=dask)
    before = _warehouse_state(folder, settings)
    try:
        # What can fail fast does, before Prefect's server and spaCy take their 10-20 s: a missing input, an
        # unusable warehouse folder, another run holding the warehouse, a wrong rule row.
        from nightdesk.transform import rules

        rules.load(settings.seeds_dir)  # the flow reads the rules again: this is only an early check
        from nightdesk.transform.events.scorer import load as load_scorer

        load_scorer(settings.seeds_dir)  # the event scorer's weights, likewise
        for name in unknown_variables():
            err.print(f"warning: nightdesk reads no variable {name}; its setting stays at the default", markup=False)
        check_inputs([Path(p) for p in inputs])
        check_folder(folder)
        folder.mkdir(parents=True, exist_ok=True)
        with run_lock(folder, "starting", wait):
            summary = _run_flow(inputs, warehouse, reprocess, since, until, dask, settings)
    except KeyboardInterrupt:
        state = _warehouse_state(folder, settings)
        raise fail(f"nightdesk run: {interrupted_message(before, state)}", 130) from None
    except NightdeskError as exc:
        raise fail(f"nightdesk run failed: {exc}") from None
    except OSError as exc:
        raise fail(
            f"nightdesk run failed: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"
        ) from None
    except Exception as exc:  # the run itself failed unexpectedly: say why, exit non-zero
        raise fail(f"nightdesk run failed ({type(exc).__name__}): {exc}") from None
    print_summary(summary, time.monotonic() - nightdesk.STARTED)
    # Tearing down the interpreter walks every object spaCy and Prefect made (1.5 s measured after a seed run,
    # 0.15 s frozen): frozen, the process ends right after the summary whose wall time it printed.
    gc.freeze()


def _run_flow(inputs: list[str], warehouse: str, reprocess: bool, since, until, dask: str | None, settings):
    from nightdesk.prefect_workarounds import start_early

    if err.is_terminal and not os.environ.get("PREFECT_API_URL"):
        # Prefect's own start-up lines are hidden at a terminal (flows/prefect_workarounds.py); say why nothing moves yet.
        err.print("[dim]starting Prefect's temporary server (8-25 s on a small machine) ...[/]")
    server = start_early()  # it boots while the imports below run
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        PREFECT_UI_URL,
        temporary_settings,
    )

    from nightdesk.console import quiet_expected_conditions
    from nightdesk.nightly import nightly_on

    quiet_expected_conditions()
    if server and not dask:
        # The model and the GeoNames index load while the server boots (1.2 s of a one-article night, taken off
        # its wall time); transform finds them loaded (load_nlp keeps one pipeline per process and settings).
        from nightdesk.transform.nlp import load_nlp

        load_nlp(settings)
    api = server.wait_ready(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()) if server else None
    # No UI on this server: an empty UI URL keeps Prefect from logging dead "View at" links.
    with temporary_settings(updates={PREFECT_API_URL: api, PREFECT_UI_URL: ""}) if api else contextlib.nullcontext():
        return nightly_on(dask)(
            inputs=inputs,
            warehouse=str(warehouse),
            reprocess=reprocess,
            since=since.date() if since else None,
            until=until.date() if until else None,
            show_progress=err.is_terminal,
            dask_address=dask,
        )


@app.command()
def serve(
    input: InputOpt = None,
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    cron: Annotated[str, typer.Option(help="When to run (cron syntax).")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron schedule (IANA name).")] = "UTC",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "nightly",
) -> None:
    """Register the nightly deployment with its schedule on a Prefect server and serve it (runs until stopped)."""
    import asyncio

    from pydantic import ValidationError

    from nightdesk.extract.discover import check_inputs
    from nightdesk.prefect_workarounds import answers, bounded_shutdown

    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        raise fail(
            "nightdesk serve needs a Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (or run `nightdesk run` from cron or a systemd timer instead)",
            2,
        )
    from prefect.server.schemas.schedules import CronSchedule

    try:
        schedule = CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as exc:
        raise fail(f"nightdesk serve: {exc.errors()[0]['msg'].removeprefix('Value error, ')}", 2) from None
    try:
        upcoming = asyncio.run(schedule.get_dates(2))
    except Exception:  # noqa: BLE001  (croniter gives up on a date no calendar has: CroniterBadDateError)
        upcoming = []
    if len(upcoming) < 2:
        raise fail(f"nightdesk serve: --cron {cron!r} never comes round (a day no month has?); nothing would run", 2)
    bad = sorted(set(name) & set(DEPLOYMENT_NAME_FORBIDS))
    if not name.strip() or bad:
        raise fail(f"nightdesk serve: --name {name!r} may not be empty or hold {' '.join(DEPLOYMENT_NAME_FORBIDS)}", 2)
    inputs = [p.resolve() for p in (input or [DEFAULT_INPUT])]
    folder, settings = opened(warehouse, "serve")
    # The served flow runs in this process's folder or another's: a folder is given whole, an s3:// URL as it is.
    where = warehouse if settings.is_s3 else str(folder.resolve())
    try:
        check_inputs(inputs)
    except NightdeskError as exc:
        raise fail(f"nightdesk serve: {exc}", 2) from None
    if not answers(api_url, timeout=5):
        raise fail(f"nightdesk serve: no Prefect server answers at {api_url}; start it with `prefect server start`", 1)

    from prefect.schedules import Cron

    from nightdesk.console import quiet_expected_conditions
    from nightdesk.nightly import nightly

    quiet_expected_conditions()
    bounded_shutdown()
    # soft_wrap: serve's output usually goes to a log file, where a wrapped line helps nobody.
    out.print(
        f"nightdesk-nightly/{name}: runs at {cron} ({timezone}); next run {upcoming[0].isoformat()}, "
        f"then {upcoming[1].isoformat()}",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )
    out.print(
        f"inputs: {', '.join(map(str, inputs))}; warehouse: {where}",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )
    parameters = {"inputs": [str(p) for p in inputs], "warehouse": where}
    try:
        nightly.serve(name=name, schedules=[Cron(cron, timezone=timezone)], parameters=parameters)
    except KeyboardInterrupt:
        raise fail("nightdesk serve: stopped; no more scheduled runs until it is started again", 130) from None
