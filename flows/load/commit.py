"""The load layer's steps of a run: stage a batch's finished rows beside the lake, then commit the night as one lake
transaction (checked before it commits) and swap in the analyst file of the new snapshot."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from nightdesk.errors import NightdeskError
from nightdesk.extract.records import Rejection
from nightdesk.load import catalog, compact, forms, intact
from nightdesk.load import lake as lk
from nightdesk.load.night import apply_night
from nightdesk.load.plan import Plan
from nightdesk.load.registry import Registry
from nightdesk.load.schemas import BATCH_TABLES
from nightdesk.load.warehouse import CheckResult, publish_snapshot
from nightdesk.settings import Settings
from nightdesk.transform.batch import BatchRows
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.version import PipelineVersion

log = logging.getLogger(__name__)


class PublishFailed(NightdeskError, RuntimeError):
    pass


@dataclass
class StagedBatch:
    files: dict[str, str]
    articles: int
    tokens: int
    failed: dict[str, Rejection] = field(default_factory=dict)  # article_id → rejection: the pipeline failed on it
    other_language: dict[str, int] = field(default_factory=dict)  # language → articles loaded unparsed


def stage_batch(warehouse: Path, run_id: str, batch_no: int, rows: BatchRows) -> StagedBatch:
    """Write a batch's finished rows as staged Parquet files (inserted into the lake at the commit)."""
    folder = lk.staging_dir(warehouse, run_id)
    files = {t: str(lk.write_rows(folder, t, getattr(rows, t), f"b{batch_no:05d}")) for t in BATCH_TABLES}
    return StagedBatch(files, len(rows.articles), rows.tokens, rows.failed, dict(rows.other_language))


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    started_at: datetime
    finished_at: datetime
    articles_seen: int
    articles_loaded: int
    articles_unchanged: int
    articles_rejected: int
    tokens: int
    timings: dict[str, float] = field(default_factory=dict)
    articles_outside_window: int = 0
    articles_rejected_before: int = 0  # of the unchanged: rejected for good earlier, not tried again
    articles_recomputed: int = 0  # of the loaded: unchanged articles recomputed for a new pipeline version
    recomputed_because: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    table_rows: dict[str, int] = field(default_factory=dict)
    empty_inputs: list[str] = field(default_factory=list)  # input folders that held no file at all
    warnings: list[dict] = field(default_factory=list)  # input_warnings rows: fields left out of loaded articles
    # Articles the night replaced with a changed version: (article id, source, "text" or "metadata", the lake's source).
    replaced: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the night did not do, and why (a clock that moved)
    other_language: dict[str, int] = field(default_factory=dict)  # of the loaded: language → articles not parsed
    load_steps: dict[str, float] = field(default_factory=dict)  # seconds of the load's comparisons with the lake

    @property
    def checks_passed(self) -> int:
        return sum(1 for c in self.checks if not c.violations)


def load_registry(loc: catalog.Location, run_id: str, rules: RuleSet) -> Registry:
    con = catalog.connect(loc, read_only=True)
    try:
        entities = catalog.read(con, "entities").to_pylist()
        aliases = catalog.read(con, "entity_aliases")
        mentions = forms.mention_counts(con)
    finally:
        con.close()
    pairs = list(zip(aliases.column("entity_id").to_pylist(), aliases.column("alias").to_pylist(), strict=True))
    return Registry(entities, pairs, run_id, rules, mentions)


@dataclass(frozen=True)
class RunContext:
    """What every step of one run knows: where it writes, its id and start, what it was given, the lake it writes."""

    warehouse: Path
    run_id: str
    started_at: datetime
    inputs: tuple[str, ...]
    location: catalog.Location  # the lake: its catalog and data path
    version: PipelineVersion  # what the run computes rows under
    settings: Settings  # every knob, built once for the run

    @property
    def seeds_dir(self) -> Path:  # the rule files the run uses (the PLOVER types table is built from them)
        return Path(self.settings.seeds_dir)


@dataclass
class NightRows:
    """The rows a night writes about itself, beside the articles' own."""

    replaced: set[str]  # articles whose rows the night deletes
    run: dict
    rejected: list[dict]
    warnings: list[dict]


def commit_run(
    ctx: RunContext,
    plan: Plan,
    staged: Sequence[StagedBatch],
    registry: Registry,
    rejections: Sequence[Rejection],
    inputs_read: int,
) -> RunSummary:
    """The night's load, step by step: sum the night up; commit it as one lake snapshot (staged, corrected, compared
    with the lake, checked: load/night.py); join small files; publish news.duckdb; expire old snapshots; back the
    catalog up; remove the run's own files."""
    summary, rows = summarize(ctx, plan, staged, rejections, inputs_read)
    con = catalog.connect(ctx.location)
    try:
        summary.checks, summary.table_rows = apply_night(
            con,
            ctx.warehouse,
            ctx.run_id,
            {t: [b.files[t] for b in staged] for t in BATCH_TABLES},
            rows.replaced,
            registry,
            [*_unfinished_run_rows(con, ctx.warehouse, ctx.run_id), rows.run],
            rows.rejected,
            rows.warnings,
            ctx.seeds_dir,
            summary.load_steps,
            ctx.settings.copy_threshold,
        )
        night = catalog.current_snapshot(con)
        compact_lake(con, ctx)
        publish(con, ctx)
        settings = ctx.settings
        summary.notes += catalog.expire(
            con, ctx.location, ctx.started_at, night, settings.keep_days, settings.keep_nights
        )
    finally:
        con.close()
    intact.back_up(ctx.warehouse, ctx.location, ctx.run_id)
    lk.finish_runs(ctx.warehouse)
    return summary


def summarize(ctx: RunContext, plan: Plan, staged, rejections, inputs_read: int) -> tuple[RunSummary, NightRows]:
    """The night's summary, and its rows in `runs`, `rejected_inputs` and `input_warnings`."""
    rejections = [*rejections, *(r for b in staged for r in b.failed.values())]
    # A changed article the pipeline failed on keeps its previous rows rather than vanishing.
    failed = set().union(*(b.failed for b in staged))
    replaced = plan.replaced_ids - failed - {plan.moved[i] for i in failed if i in plan.moved}
    loaded = sum(b.articles for b in staged)
    summary = RunSummary(
        run_id=ctx.run_id,
        warehouse=str(ctx.warehouse),
        started_at=ctx.started_at,
        finished_at=datetime.now(),
        # Counted by the readers as they found inputs, apart from the outcomes, so that sql/checks/
        # run_counts_reconcile.sql fails the run when an input was neither loaded nor rejected.
        articles_seen=inputs_read - plan.outside_window,
        articles_loaded=loaded,
        articles_unchanged=len(plan.unchanged),
        articles_rejected=len(rejections),
        articles_outside_window=plan.outside_window,
        articles_rejected_before=plan.rejected_before,
        articles_recomputed=plan.recomputed,
        recomputed_because=plan.recomputed_because,
        tokens=sum(b.tokens for b in staged),
        rejections=list(rejections),
        other_language=dict(sum((Counter(b.other_language) for b in staged), Counter())),
        replaced=[
            (a.article_id, a.source_uri, what, uri) for a, what, uri in plan.changed if a.article_id not in failed
        ],
    )
    summary.warnings = [  # reported once, by the night that loads the article
        {"run_id": ctx.run_id, "source_uri": a.source_uri, "article_id": a.article_id, **vars(w)}
        for a in plan.to_process
        if a.article_id not in failed
        for w in a.warnings
    ]
    run_row = {
        "run_id": ctx.run_id,
        "started_at": ctx.started_at,
        "finished_at": summary.finished_at,
        "status": "completed",
        "articles_seen": summary.articles_seen,
        "articles_loaded": loaded,
        "articles_unchanged": summary.articles_unchanged,
        "articles_rejected": summary.articles_rejected,
        "articles_outside_window": plan.outside_window,
        "pipeline_version": ctx.version.version,
        "pipeline_parts": ctx.version.parts,
        "articles_recomputed": plan.recomputed,
        "articles_other_language": sum(summary.other_language.values()),
        "articles_replaced": len(summary.replaced),
        "input_warnings": len(summary.warnings),
        "inputs": "\n".join(ctx.inputs),
    }
    rejected_rows = [
        {
            "run_id": ctx.run_id,
            "source_uri": r.source_uri,
            "reason": r.reason,
            "article_id": r.article_id,
            "content_hash": r.content_hash,
            "final": r.final,
        }
        for r in rejections
    ]
    return summary, NightRows(replaced, run_row, rejected_rows, summary.warnings)


def compact_lake(con: duckdb.DuckDBPyConnection, ctx: RunContext) -> None:
    """Join the lake's small files; a failure (a full disk) leaves the night committed and the next run tries again."""
    try:
        compact.compact(con, ctx.settings.compact_files)
    except duckdb.Error as exc:
        log.warning("could not join the lake's small files (%s: %s); the next run tries again", type(exc).__name__, exc)


def publish(con: duckdb.DuckDBPyConnection, ctx: RunContext) -> None:
    """news.duckdb shows the new night."""
    try:
        publish_snapshot(ctx.warehouse, con, ctx.seeds_dir, ctx.location, ctx.settings.event_threshold)
    except Exception as exc:
        raise PublishFailed(
            f"the night is committed to the lake (run {ctx.run_id}), but news.duckdb could not be updated "
            f"({type(exc).__name__}: {exc}); analysts see the previous night until the next run, which updates it first"
        ) from exc


def _unfinished_run_rows(con, warehouse: Path, run_id: str) -> list[dict]:
    """`runs` rows for earlier runs that never committed: 'failed' with their error when the run saw its failure,
    'interrupted' when it was stopped (Ctrl-C) or died without a word (killed, power lost). They loaded nothing, so
    every count is 0."""
    recorded = set(catalog.read(con, "runs", ["run_id"]).column("run_id").to_pylist())
    rows = []
    for other, note in sorted(lk.unfinished_runs(warehouse).items()):
        if other == run_id or other in recorded:  # recorded by a run killed after its commit, before its clean-up
            continue
        started = note.get("started_at") or datetime.strptime(other[:15], "%Y%m%dT%H%M%S")
        rows.append(
            {
                "run_id": other,
                "started_at": datetime.fromisoformat(started) if isinstance(started, str) else started,
                "finished_at": datetime.fromisoformat(note["failed_at"]) if note.get("failed_at") else None,
                "status": note.get("status") or ("failed" if note.get("error") else "interrupted"),
                "error": note.get("error"),
                "articles_seen": 0,
                "articles_loaded": 0,
                "articles_unchanged": 0,
                "articles_rejected": 0,
                "pipeline_version": note.get("pipeline_version") or "unknown",
                "inputs": "\n".join(note.get("inputs") or []) or None,
            }
        )
    return rows
