"""The load layer's steps of a run: stage a batch's finished rows in the lake, then commit the run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flows.extract.records import Rejection
from flows.faults import checkpoint
from flows.load import lake as lk
from flows.load.schemas import ARTICLE_TABLES, sql_text
from flows.load.warehouse import CheckResult, build_database, remove_stale_builds, swap_in
from flows.plan import Plan
from flows.transform.batch import BatchRows
from flows.transform.registry import Registry
from flows.transform.rules import RuleSet
from flows.transform.version import PipelineVersion


@dataclass
class StagedBatch:
    files: dict[str, str]
    articles: int
    tokens: int
    failed: dict[str, Rejection] = field(default_factory=dict)  # article_id → rejection: the pipeline failed on it


def stage_batch(lake: Path, run_id: str, batch_no: int, rows: BatchRows) -> StagedBatch:
    """Write a batch's finished rows as new lake files (invisible until commit)."""
    name = f"{run_id}-b{batch_no:05d}"
    files = {table: lk.write_rows(lake, table, getattr(rows, table), name) for table in ARTICLE_TABLES}
    return StagedBatch(files, len(rows.articles), rows.tokens, rows.failed)


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

    @property
    def checks_passed(self) -> int:
        return sum(1 for c in self.checks if not c.violations)


def load_registry(lake: Path, manifest: lk.Manifest, run_id: str, rules: RuleSet) -> Registry:
    entities = lk.read_table(lake, manifest, "entities").to_pylist()
    aliases = lk.read_table(lake, manifest, "entity_aliases")
    pairs = list(zip(aliases.column("entity_id").to_pylist(), aliases.column("alias").to_pylist(), strict=True))
    mentions: dict[str, int] = {}
    for eid, _text, _label, n in _mention_forms(lake, manifest["entity_mentions"]):
        mentions[eid] = mentions.get(eid, 0) + n
    return Registry(entities, pairs, run_id, rules, mentions)


@dataclass(frozen=True)
class RunContext:
    """What every step of one run knows: where it writes, its id and start, what it was given, the lake it began from."""

    warehouse: Path
    run_id: str
    started_at: datetime
    inputs: tuple[str, ...]
    manifest: lk.Manifest  # the committed manifest the run started from
    version: PipelineVersion  # what the run computes rows under
    seeds_dir: Path  # the rule files the run uses (the PLOVER types table is built from them)

    @property
    def lake(self) -> Path:
        return self.warehouse / "lake"


def commit_run(
    ctx: RunContext,
    plan: Plan,
    staged: Sequence[StagedBatch],
    registry: Registry,
    rejections: Sequence[Rejection],
    inputs_read: int,
) -> RunSummary:
    """Swap in the new state: lake manifest first (the commit point), then the rebuilt database."""
    warehouse, lake, manifest, run_id, started_at, inputs = (
        ctx.warehouse,
        ctx.lake,
        ctx.manifest,
        ctx.run_id,
        ctx.started_at,
        ctx.inputs,
    )
    rejections = [*rejections, *(r for b in staged for r in b.failed.values())]
    # A changed article the pipeline failed on keeps its previous rows rather than vanishing.
    replaced = plan.replaced_ids.difference(*(b.failed for b in staged))
    new = {t: list(files) for t, files in manifest.items()}
    for table in ARTICLE_TABLES:
        kept = lk.drop_articles(lake, manifest[table], table, replaced, f"{run_id}-{table}")
        new[table] = kept + [b.files[table] for b in staged]
    registry.choose_canonical_names(_mention_forms(lake, new["entity_mentions"]))
    if registry.changed:
        new["entities"] = [lk.write_rows(lake, "entities", registry.entity_rows(), run_id)]
        new["entity_aliases"] = [lk.write_rows(lake, "entity_aliases", registry.alias_rows(), run_id)]
    finished_at = datetime.now()
    loaded = sum(b.articles for b in staged)
    summary = RunSummary(
        run_id=run_id,
        warehouse=str(warehouse),
        started_at=started_at,
        finished_at=finished_at,
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
    )
    run_row = {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": finished_at,
        "status": "completed",
        "articles_seen": summary.articles_seen,
        "articles_loaded": loaded,
        "articles_unchanged": summary.articles_unchanged,
        "articles_rejected": summary.articles_rejected,
        "articles_outside_window": plan.outside_window,
        "pipeline_version": ctx.version.version,
        "pipeline_parts": ctx.version.parts,
        "articles_recomputed": plan.recomputed,
        "inputs": "\n".join(inputs),
    }
    run_rows = [*_unfinished_run_rows(lake, manifest, run_id), run_row]
    new["runs"] = manifest["runs"] + [lk.write_rows(lake, "runs", run_rows, run_id)]
    if rejections:
        rows = [
            {
                "run_id": run_id,
                "source_uri": r.source_uri,
                "reason": r.reason,
                "article_id": r.article_id,
                "content_hash": r.content_hash,
                "final": r.final,
            }
            for r in rejections
        ]
        new["rejected_inputs"] = manifest["rejected_inputs"] + [lk.write_rows(lake, "rejected_inputs", rows, run_id)]
    remove_stale_builds(warehouse)
    built, summary.checks = build_database(warehouse, lake, new, ctx.seeds_dir)
    checkpoint("load")
    lk.commit_manifest(lake, new, run_id)
    checkpoint("swap")
    swap_in(warehouse, built)
    lk.collect_garbage(lake, new, previous=manifest)
    summary.table_rows = {t: sum(_rows(lake / f) for f in files) for t, files in new.items()}
    return summary


def _unfinished_run_rows(lake: Path, manifest: lk.Manifest, run_id: str) -> list[dict]:
    """`runs` rows for earlier runs that never committed: 'failed' with their error when the run saw its failure,
    'interrupted' when it was stopped (Ctrl-C) or died without a word (killed, power lost). They loaded nothing, so
    every count is 0."""
    recorded = set(lk.read_table(lake, manifest, "runs", ["run_id"]).column("run_id").to_pylist())
    rows = []
    for other, note in sorted(lk.unfinished_runs(lake).items()):
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


def _mention_forms(lake: Path, files: list[str]) -> list[tuple[str, str, str, int]]:
    """(entity_id, mention_text, label, mentions) over the whole lake, counted by DuckDB straight from Parquet."""
    if not files:
        return []
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        return con.execute(
            sql_text("registry", "mention_forms.sql"), {"files": [str(lake / f) for f in files]}
        ).fetchall()
    finally:
        con.close()


def _rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows
