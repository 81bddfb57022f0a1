"""The nightly Prefect flow: one task per stage, and one per batch of articles in transform.

Large task arguments (articles, rows, the registry) are passed inside `quote()`: otherwise Prefect walks every
object in them looking for futures, which cost about 7 s of a 250-article run.
"""

# No `from __future__ import annotations` here: Prefect validates flow parameters with pydantic, which must resolve
# the annotations (date, list[str]) in the module a deployment loads from its entrypoint.

import secrets
import time
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import date, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from flows.extract.discover import Extracted, check_inputs, extract_inputs
from flows.extract.records import Article
from flows.faults import checkpoint
from flows.load import catalog, intact
from flows.load import lake as lk
from flows.load.commit import RunContext, RunSummary, StagedBatch, commit_run, load_registry, stage_batch
from flows.load.folder import check_folder, claim
from flows.load.lock import run_lock
from flows.load.migrate import migrate_if_needed
from flows.load.warehouse import publish_snapshot, published_snapshot, remove_stale_builds
from flows.plan import Plan, plan_run
from flows.prefect_workarounds import keep_temporary_server_out_of_ctrl_c, serialize_ephemeral_server_start
from flows.report import publish, summary_line
from flows.settings import DEFAULT_INPUT, DEFAULT_WAREHOUSE, Settings, check_environment
from flows.transform import rules
from flows.transform import version as pipeline_version
from flows.transform.batch import BatchRows, transform_batch
from flows.transform.nlp import load_nlp
from flows.transform.registry import Registry
from flows.transform.resolve import resolve_entities
from flows.transform.workers import close_workers

serialize_ephemeral_server_start()
keep_temporary_server_out_of_ctrl_c()


def new_run_id() -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


@task(name="extract", cache_policy=NO_CACHE)
def extract_stage(inputs: Sequence[str], settings: Settings) -> Extracted:
    return extract_inputs([Path(p) for p in inputs], settings.limits)


@task(name="plan", cache_policy=NO_CACHE)
def plan_stage(articles: list[Article], ctx: RunContext, reprocess: bool, since, until) -> Plan:
    return plan_run(articles, ctx.location, ctx.version, reprocess, since, until)


@task(name="transform-batch", cache_policy=NO_CACHE, retries=1)
def transform_stage(
    articles: list[Article], ctx: RunContext, settings: Settings, progress=None, bar=None, processes: int | None = None
) -> BatchRows:
    advance = (lambda _a: progress.advance(bar)) if progress is not None else None
    return transform_batch(articles, ctx.run_id, ctx.version.version, settings, on_article=advance, processes=processes)


@task(name="resolve-and-stage", cache_policy=NO_CACHE)
def stage_stage(warehouse: Path, run_id: str, batch_no: int, rows: BatchRows, registry: Registry) -> StagedBatch:
    # Resolution runs here, in batch order, not in the (possibly parallel) transform tasks: entity ids must not depend
    # on which batch finished first.
    resolve_entities(rows, registry)
    return stage_batch(warehouse, run_id, batch_no, rows)


@task(name="load", cache_policy=NO_CACHE)
def load_stage(ctx: RunContext, plan: Plan, staged, registry: Registry, extracted: Extracted) -> RunSummary:
    return commit_run(ctx, plan, staged, registry, extracted.rejections, extracted.inputs_read)


def nightly_on(dask_address: str | None):
    """The nightly flow, with its batches on a Dask cluster when an address is given."""
    if not dask_address:
        return nightly
    from prefect_dask import DaskTaskRunner

    return nightly.with_options(task_runner=DaskTaskRunner(address=dask_address))


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


@flow(name="nightdesk-nightly")
def nightly(
    inputs: list[str] | None = None,
    warehouse: str = str(DEFAULT_WAREHOUSE),
    reprocess: bool = False,
    since: date | None = None,
    until: date | None = None,
    wait_seconds: float = 0.0,
    show_progress: bool = False,
    dask_address: str | None = None,
) -> RunSummary:
    """Extract the inputs, transform new and changed articles, load the lake and swap in a new database."""
    # Read once, every NIGHTDESK_* value checked (also those the load reads): a wrong one stops the run here, naming it.
    settings = check_environment()
    inputs = list(inputs or [str(DEFAULT_INPUT)])
    check_inputs([Path(p) for p in inputs])  # before anything is created: a mistyped path changes nothing
    wh = Path(warehouse)
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

    with run_lock(wh, run_id, wait_seconds):
        claim(wh)
        rule_set = rules.load(settings.seeds_dir)  # a wrong rule row stops the run before any work, naming file:line
        version = pipeline_version.current(settings)
        loc = catalog.location(wh)
        intact.check(wh, loc)  # a lost or damaged catalog stops the run before any work
        notes: list[str] = []
        migrate_if_needed(wh, loc, notes)  # a warehouse of the old Parquet-and-manifest layout moves into the lake once
        _open_lake(wh, loc, Path(settings.seeds_dir))
        lap("open-lake")
        lk.begin_run(wh, run_id, {"started_at": started_at, "inputs": inputs, "pipeline_version": version.version})
        try:
            ctx = RunContext(wh, run_id, started_at, tuple(inputs), loc, version, Path(settings.seeds_dir))
            summary, extracted = _work(
                ctx, settings, rule_set, reprocess, since, until, dask_address, show_progress, lap
            )
        except BaseException as failure:
            # A run that fails (a full disk, a failed data check, Ctrl-C) takes its staged files along; the last
            # committed snapshot stays. A killed run's files go at the next commit (the journal names it).
            try:
                stopped = isinstance(failure, KeyboardInterrupt)  # Ctrl-C: stopped by a person, not by an error
                reason = f"{type(failure).__name__}: {failure}" if str(failure) else type(failure).__name__
                lk.discard_run(wh, run_id, reason[:2000], "interrupted" if stopped else "failed")
                remove_stale_builds(wh)
            except Exception as exc:  # noqa: BLE001  (the run's own failure is the one to report)
                get_run_logger().warning(f"could not remove the failed run's files (the next run will): {exc}")
            raise
    timings.update({f"load: {step}": sec for step, sec in summary.load_steps.items()})
    summary.timings = timings
    summary.empty_inputs = extracted.empty_inputs
    summary.notes = notes + summary.notes
    publish(summary)
    lap("report")
    get_run_logger().info(summary_line(summary))
    return summary


def _open_lake(warehouse: Path, loc: catalog.Location, seeds_dir: Path) -> None:
    """Create the lake (or add what a newer version's tables gained), and republish news.duckdb when it shows another
    snapshot (a run killed between its commit and the swap) or another data folder (the warehouse was moved)."""
    con = catalog.connect(loc, create=True)
    try:
        if published_snapshot(warehouse) != (catalog.current_snapshot(con), loc.data_path):
            remove_stale_builds(warehouse)
            publish_snapshot(warehouse, con, seeds_dir)
    finally:
        con.close()


def _work(ctx: RunContext, settings: Settings, rule_set, reprocess, since, until, dask_address, show_progress, lap):
    run_id = ctx.run_id
    extracted = extract_stage(list(ctx.inputs), settings)
    lap("extract")
    plan = plan_stage(quote(extracted.articles), quote(ctx), reprocess, since, until)
    registry = load_registry(ctx.location, run_id, rule_set)
    lap("plan")
    staged: list[StagedBatch] = []
    if plan.to_process and not dask_address:
        load_nlp(settings)  # fail before any batch when the model is missing
    try:
        with _progress(show_progress and bool(plan.to_process)) as progress:
            bar = progress.add_task("transform", total=len(plan.to_process)) if progress is not None else None
            size = settings.batch_size
            batches = [plan.to_process[i : i + size] for i in range(0, len(plan.to_process), size)]
            if dask_address:
                # Every batch goes to the Dask cluster at once (one process per worker: a Dask worker may not fork
                # spaCy workers of its own); entity resolution and staging stay here, in batch order, so ids and
                # files are the same as in a local run.
                # (no quote() here: through prefect-dask the task then received tuples instead of articles)
                futures = [transform_stage.submit(batch, ctx, settings, processes=1) for batch in batches]
                results = (future.result() for future in futures)
            else:
                results = (transform_stage(quote(batch), quote(ctx), settings, progress, bar) for batch in batches)
            for batch_no, (batch, rows) in enumerate(zip(batches, results, strict=True)):
                staged.append(stage_stage(ctx.warehouse, run_id, batch_no, quote(rows), quote(registry)))
                if dask_address and progress is not None:
                    progress.advance(bar, len(batch))
                checkpoint("transform")
    finally:
        close_workers()  # their memory is not needed for the load
    lap("transform")
    summary = load_stage(quote(ctx), quote(plan), quote(staged), quote(registry), quote(extracted))
    lap("load")
    return summary, extracted
