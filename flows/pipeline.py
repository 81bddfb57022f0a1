"""The night as a plain function: `run_night(settings, inputs)` extracts the inputs, plans, transforms new and changed
articles in batches, resolves and stages them, commits the lake and publishes news.duckdb; it returns the run's
summary. No Prefect: tests, `nightdesk eval`, the benchmarks and `nightdesk.run` call it as it is, and the Prefect
flow (flows/nightly.py) runs the very same stages as tasks, through another `Stages`.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from nightdesk.extract.discover import Extracted, check_inputs, extract_inputs
from nightdesk.extract.records import Article
from nightdesk.faults import checkpoint
from nightdesk.load import catalog, intact
from nightdesk.load import lake as lk
from nightdesk.load.commit import RunContext, RunSummary, StagedBatch, commit_run, load_registry, stage_batch
from nightdesk.load.folder import check_folder, claim
from nightdesk.load.lock import run_lock
from nightdesk.load.migrate import migrate_if_needed
from nightdesk.load.plan import Plan, plan_run
from nightdesk.load.registry import Registry
from nightdesk.load.resolve import resolve_entities
from nightdesk.load.warehouse import publish_snapshot, published_snapshot, remove_stale_builds
from nightdesk.settings import DEFAULT_INPUT, Settings
from nightdesk.transform import rules
from nightdesk.transform import version as pipeline_version
from nightdesk.transform.batch import BatchRows, transform_batch
from nightdesk.transform.entities.short_names import load as load_short_names
from nightdesk.transform.events.scorer import load as load_scorer
from nightdesk.transform.nlp import load_nlp
from nightdesk.transform.workers import close_workers

log = logging.getLogger(__name__)


def new_run_id() -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


class Stages:
    """How each stage of a night runs: here, a plain call in this process. flows/nightly.py runs each as a Prefect
    task (and the transform batches on a Dask cluster when asked)."""

    def extract(self, inputs: Sequence[str], settings: Settings) -> Extracted:
        return extract_inputs([Path(p) for p in inputs], settings.limits)

    def plan(self, articles: list[Article], ctx: RunContext, reprocess: bool, since, until) -> Plan:
        return plan_run(articles, ctx.location, ctx.version, reprocess, since, until)

    def transform(self, batches: list[list[Article]], ctx: RunContext, on_article) -> Iterator[BatchRows]:
        """Rows of each batch, in batch order."""
        for batch in batches:
            yield transform_batch(batch, ctx.run_id, ctx.version.version, ctx.settings, on_article=on_article)

    def stage(self, ctx: RunContext, batch_no: int, rows: BatchRows, registry: Registry) -> StagedBatch:
        # Resolution runs here, in batch order, not in the (possibly parallel) transform: entity ids must not depend
        # on which batch finished first.
        resolve_entities(rows, registry)
        return stage_batch(ctx.warehouse, ctx.run_id, batch_no, rows)

    def load(self, ctx: RunContext, plan: Plan, staged, registry: Registry, extracted: Extracted) -> RunSummary:
        return commit_run(ctx, plan, staged, registry, extracted.rejections, extracted.inputs_read)


def run_night(
    settings: Settings,
    inputs: Sequence[str | Path] | None = None,
    reprocess: bool = False,
    since: date | None = None,
    until: date | None = None,
    wait_seconds: float = 0.0,
    show_progress: bool = False,
    stages: Stages | None = None,
) -> RunSummary:
    """One night into `settings.warehouse`: every input (default seeds/articles) read, new and changed articles
    transformed, the lake committed in one snapshot and news.duckdb published. A bad input is a rejection in the
    summary; a failure of the run itself raises (a NightdeskError for what a person can fix) and changes nothing."""
    stages = stages or Stages()
    inputs = [str(p) for p in (inputs or [DEFAULT_INPUT])]
    check_inputs([Path(p) for p in inputs])  # before anything is created: a mistyped path changes nothing
    wh = settings.warehouse_dir
    check_folder(wh)  # before the lock file is made: a folder of other data is left as it was
    wh.mkdir(parents=True, exist_ok=True)
    run_id = new_run_id()
    started_at = datetime.now()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now
        if show_progress and timings[stage] > SLOW_STAGE and stage != "transform":  # (transform has its own bar)
            Console(stderr=True).print(f"[dim]{stage}: {timings[stage]:.1f} s[/]")

    with run_lock(wh, run_id, wait_seconds):
        claim(wh)
        rule_set = rules.load(settings.seeds_dir)  # a wrong rule row stops the run before any work, naming file:line
        load_scorer(settings.seeds_dir)  # so does a missing or unreadable event scorer, naming the file
        load_short_names(settings.seeds_dir)  # and the short-name model
        version = pipeline_version.current(settings)
        loc = catalog.location(wh, settings)
        intact.check(wh, loc)  # a lost or damaged catalog stops the run before any work
        notes: list[str] = []
        migrate_if_needed(wh, loc, notes)  # a warehouse of the old Parquet-and-manifest layout moves into the lake once
        with _status(show_progress, "opening the lake"):
            _open_lake(wh, loc, Path(settings.seeds_dir), settings.event_threshold)
        lap("open-lake")
        lk.begin_run(wh, run_id, {"started_at": started_at, "inputs": inputs, "pipeline_version": version.version})
        try:
            ctx = RunContext(wh, run_id, started_at, tuple(inputs), loc, version, settings)
            summary, extracted = _work(ctx, stages, rule_set, reprocess, since, until, show_progress, lap)
        except BaseException as failure:
            # A run that fails (a full disk, a failed data check, Ctrl-C) takes its staged files along; the last
            # committed snapshot stays. A killed run's files go at the next commit (the journal names it).
            try:
                stopped = isinstance(failure, KeyboardInterrupt)  # Ctrl-C: stopped by a person, not by an error
                reason = f"{type(failure).__name__}: {failure}" if str(failure) else type(failure).__name__
                lk.discard_run(wh, run_id, reason[:2000], "interrupted" if stopped else "failed")
                remove_stale_builds(wh)
            except Exception as exc:  # noqa: BLE001  (the run's own failure is the one to report)
                log.warning("could not remove the failed run's files (the next run will): %s", exc)
            raise
    timings.update({f"load: {step}": sec for step, sec in summary.load_steps.items()})
    summary.timings = timings
    summary.empty_inputs = extracted.empty_inputs
    summary.notes = notes + summary.notes
    return summary


def _open_lake(warehouse: Path, loc: catalog.Location, seeds_dir: Path, threshold: float | None = None) -> None:
    """Create the lake (or add what a newer version's tables gained), and republish news.duckdb when it shows another
    snapshot (a run killed between its commit and the swap) or another data folder (the warehouse was moved)."""
    con = catalog.connect(loc, create=True)
    try:
        shown = published_snapshot(warehouse)
        # A new lake has nothing to show yet: its first night publishes news.duckdb.
        first = shown is None and not any(s.run_id or s.note for s in catalog.snapshots(con))
        if shown != (catalog.current_snapshot(con), loc.data_path) and not first:
            remove_stale_builds(warehouse)
            publish_snapshot(warehouse, con, seeds_dir, loc, threshold)
    finally:
        con.close()


SLOW_STAGE = 2.0  # seconds: a stage that takes longer says so at a terminal, and shows a spinner while it runs


def _status(show: bool, doing: str):
    """A spinner on stderr while a stage runs (at a terminal): a night never sits silent for long."""
    return Console(stderr=True).status(f"[dim]{doing} ...[/]") if show else nullcontext()


def _progress(show: bool):
    if not show:
        return nullcontext(None)
    return Progress(
        TextColumn("[bold]transform"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )


def _work(ctx: RunContext, stages: Stages, rule_set, reprocess, since, until, show_progress, lap: Callable):
    settings = ctx.settings
    with _status(show_progress, f"reading {len(ctx.inputs)} input{'s' if len(ctx.inputs) > 1 else ''}"):
        extracted = stages.extract(list(ctx.inputs), settings)
    lap("extract")
    with _status(show_progress, f"planning {len(extracted.articles):,} articles against the lake"):
        plan = stages.plan(extracted.articles, ctx, reprocess, since, until)
        registry = load_registry(ctx.location, ctx.run_id, rule_set)
    lap("plan")
    staged: list[StagedBatch] = []
    if plan.to_process and not settings.dask_address:
        load_nlp(settings)  # fail before any batch when the model is missing
    try:
        with _progress(show_progress and bool(plan.to_process)) as progress:
            bar = progress.add_task("transform", total=len(plan.to_process)) if progress is not None else None
            advance = (lambda _a: progress.advance(bar)) if progress is not None else None
            size = settings.batch_size
            batches = [plan.to_process[i : i + size] for i in range(0, len(plan.to_process), size)]
            for batch_no, rows in enumerate(stages.transform(batches, ctx, advance)):
                staged.append(stages.stage(ctx, batch_no, rows, registry))
                checkpoint("transform")
    finally:
        close_workers()  # their memory is not needed for the load
    lap("transform")
    with _status(
        show_progress, "loading the night into the lake (one transaction, checked) and publishing news.duckdb"
    ):
        summary = stages.load(ctx, plan, staged, registry, extracted)
    lap("load")
    return summary, extracted
