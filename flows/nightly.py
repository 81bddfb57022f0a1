"""The nightly Prefect flow: the night of flows/pipeline.py with each stage a Prefect task (one per stage, one per
batch of articles in transform), the run report as artifacts, and transform batches on a Dask cluster when asked.

Large task arguments (articles, rows, the registry) are passed inside `quote()`: otherwise Prefect walks every
object in them looking for futures, which cost about 7 s of a 250-article run.
"""

# No `from __future__ import annotations` here: Prefect validates flow parameters with pydantic, which must resolve
# the annotations (date, list[str]) in the module a deployment loads from its entrypoint.

import time
from collections.abc import Iterator, Sequence
from datetime import date

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from nightdesk.extract.discover import Extracted
from nightdesk.extract.records import Article
from nightdesk.load.commit import RunContext, RunSummary, StagedBatch
from nightdesk.load.plan import Plan
from nightdesk.load.registry import Registry
from nightdesk.pipeline import Stages, run_night
from nightdesk.prefect_workarounds import keep_temporary_server_out_of_ctrl_c, serialize_ephemeral_server_start
from nightdesk.report import publish, summary_line
from nightdesk.settings import DEFAULT_WAREHOUSE, Settings
from nightdesk.transform.batch import BatchRows, transform_batch

serialize_ephemeral_server_start()
keep_temporary_server_out_of_ctrl_c()
PLAIN = Stages()


@task(name="extract", cache_policy=NO_CACHE)
def extract_stage(inputs: Sequence[str], settings: Settings) -> Extracted:
    return PLAIN.extract(inputs, settings)


@task(name="plan", cache_policy=NO_CACHE)
def plan_stage(articles: list[Article], ctx: RunContext, reprocess: bool, since, until) -> Plan:
    return PLAIN.plan(articles, ctx, reprocess, since, until)


@task(name="transform-batch", cache_policy=NO_CACHE, retries=1)
def transform_stage(
    articles: list[Article], ctx: RunContext, on_article=None, processes: int | None = None
) -> BatchRows:
    return transform_batch(
        articles, ctx.run_id, ctx.version.version, ctx.settings, on_article=on_article, processes=processes
    )


@task(name="resolve-and-stage", cache_policy=NO_CACHE)
def stage_stage(ctx: RunContext, batch_no: int, rows: BatchRows, registry: Registry) -> StagedBatch:
    return PLAIN.stage(ctx, batch_no, rows, registry)


@task(name="load", cache_policy=NO_CACHE)
def load_stage(ctx: RunContext, plan: Plan, staged, registry: Registry, extracted: Extracted) -> RunSummary:
    return PLAIN.load(ctx, plan, staged, registry, extracted)


class PrefectStages(Stages):
    """Each stage a Prefect task; with a Dask address, every transform batch goes to the cluster at once (one
    process per worker: a Dask worker may not fork spaCy workers of its own)."""

    def __init__(self, dask_address: str | None = None):
        self.dask_address = dask_address

    def extract(self, inputs, settings):
        return extract_stage(inputs, settings)

    def plan(self, articles, ctx, reprocess, since, until):
        return plan_stage(quote(articles), quote(ctx), reprocess, since, until)

    def transform(self, batches, ctx, on_article) -> Iterator[BatchRows]:
        if not self.dask_address:
            for batch in batches:
                yield transform_stage(quote(batch), quote(ctx), on_article)
            return
        # (no quote() here: through prefect-dask the task then received tuples instead of articles)
        futures = [transform_stage.submit(batch, ctx, processes=1) for batch in batches]
        for batch, future in zip(batches, futures, strict=True):
            rows = future.result()
            for article in batch if on_article else ():
                on_article(article)
            yield rows

    def stage(self, ctx, batch_no, rows, registry):
        return stage_stage(quote(ctx), batch_no, quote(rows), quote(registry))

    def load(self, ctx, plan, staged, registry, extracted):
        return load_stage(quote(ctx), quote(plan), quote(staged), quote(registry), quote(extracted))


def nightly_on(dask_address: str | None):
    """The nightly flow, with its batches on a Dask cluster when an address is given."""
    if not dask_address:
        return nightly
    from prefect_dask import DaskTaskRunner

    return nightly.with_options(task_runner=DaskTaskRunner(address=dask_address))


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
    # Built once, every NIGHTDESK_* value checked: a wrong one stops the run here, naming it.
    settings = Settings.load(warehouse=warehouse, dask_address=dask_address)
    summary = run_night(
        settings, inputs, reprocess, since, until, wait_seconds, show_progress, PrefectStages(settings.dask_address)
    )
    clock = time.perf_counter()
    publish(summary)
    summary.timings["report"] = time.perf_counter() - clock
    get_run_logger().info(summary_line(summary))
    return summary
