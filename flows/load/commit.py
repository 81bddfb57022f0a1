"""Plain steps of a run: decide what is new, stage a batch's rows in the lake, commit the run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from flows.extract.records import Article, Rejection
from flows.faults import checkpoint
from flows.load import lake as lk
from flows.load.schemas import ARTICLE_TABLES
from flows.load.warehouse import CheckResult, build_database, remove_stale_builds, swap_in
from flows.transform import version as pipeline_version
from flows.transform.batch import BatchRows
from flows.transform.registry import Registry


@dataclass
class Plan:
    to_process: list[Article]
    unchanged: list[Article]
    replaced_ids: set[str]  # already in the lake, changed since: all their rows are replaced
    outside_window: int = 0  # articles a date-bounded backfill left alone
    rejected_before: int = 0  # of `unchanged`: rejected for good by an earlier run and not changed since
    recomputed: int = 0  # of `to_process`: unchanged articles made under another pipeline version
    recomputed_because: list[str] = field(default_factory=list)  # the pipeline parts that changed


def in_window(article: Article, since: date | None, until: date | None) -> bool:
    """Is the article inside a backfill window? Undated articles are outside any bounded window."""
    if since is None and until is None:
        return True
    if article.published_at is None:
        return False
    day = article.published_at.date()
    return (since is None or day >= since) and (until is None or day <= until)


def plan_run(
    articles: Sequence[Article],
    lake: Path,
    manifest: lk.Manifest,
    reprocess: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> Plan:
    known = lk.read_table(lake, manifest, "articles", ["article_id", "content_hash", "pipeline_version"]).to_pylist()
    stored = {r["article_id"]: (r["content_hash"], r["pipeline_version"]) for r in known}
    version, parts = pipeline_version.current()
    given_up = final_rejections(lake, manifest)
    to_process, unchanged, replaced = [], [], set()
    rejected_before = recomputed = 0
    window = [a for a in articles if in_window(a, since, until)]
    for article in window:
        previous = stored.get(article.article_id)
        if previous == (article.content_hash, version) and not reprocess:
            unchanged.append(article)
            continue
        if (article.article_id, article.content_hash) in given_up and not reprocess:
            unchanged.append(article)  # an article that went over its time budget costs it once, not every night
            rejected_before += 1
            continue
        to_process.append(article)
        if previous is not None:
            replaced.add(article.article_id)
            recomputed += previous[0] == article.content_hash and not reprocess
    because = pipeline_version.what_changed(_last_parts(lake, manifest), parts) if recomputed else []
    return Plan(to_process, unchanged, replaced, len(articles) - len(window), rejected_before, recomputed, because)


def _last_parts(lake: Path, manifest: lk.Manifest) -> str | None:
    runs = lk.read_table(lake, manifest, "runs", ["started_at", "pipeline_parts"]).to_pylist()
    return max(runs, key=lambda r: r["started_at"])["pipeline_parts"] if runs else None


def final_rejections(lake: Path, manifest: lk.Manifest) -> set[tuple[str, str]]:
    """(article_id, content_hash) of articles rejected for good under this pipeline version."""
    rejected = lk.read_table(lake, manifest, "rejected_inputs", ["run_id", "article_id", "content_hash", "final"]).to_pylist()
    runs = lk.read_table(lake, manifest, "runs", ["run_id", "pipeline_version"]).to_pylist()
    current = {r["run_id"] for r in runs if r["pipeline_version"] == pipeline_version.current()[0]}
    return {(r["article_id"], r["content_hash"]) for r in rejected if r["final"] and r["run_id"] in current}


def link_entities(rows: list[dict], mentions: list[dict], fields: dict[str, str]) -> None:
    """Turn working `*_ref` spans (the entity mention a speaker, actor, target or place resolved to: a name, or a
    pronoun's antecedent) into entity ids; fields maps ref field → id column."""
    by_span = {(m["article_id"], m["start_char"], m["end_char"]): m["entity_id"] for m in mentions}
    for row in rows:
        for ref_field, id_field in fields.items():
            ref = row.pop(ref_field, None)
            if ref is not None:
                row[id_field] = by_span.get((row["article_id"], ref[0], ref[1]))


@dataclass
class StagedBatch:
    files: dict[str, str]
    articles: int
    tokens: int
    failed: dict[str, Rejection] = field(default_factory=dict)  # article_id → rejection: the pipeline failed on it


def stage_batch(lake: Path, run_id: str, batch_no: int, rows: BatchRows, registry: Registry) -> StagedBatch:
    """Resolve the batch's entities, then write it as new lake files (invisible until commit)."""
    registry.assign(rows.entity_mentions)
    link_entities(rows.quotes, rows.entity_mentions, {"speaker_ref": "speaker_entity_id"})
    link_entities(
        rows.events,
        rows.entity_mentions,
        {"actor_ref": "actor_entity_id", "target_ref": "target_entity_id", "location_ref": "location_entity_id"},
    )
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


def load_registry(lake: Path, manifest: lk.Manifest, run_id: str) -> Registry:
    entities = lk.read_table(lake, manifest, "entities").to_pylist()
    aliases = lk.read_table(lake, manifest, "entity_aliases")
    pairs = list(zip(aliases.column("entity_id").to_pylist(), aliases.column("alias").to_pylist()))
    return Registry(entities, pairs, run_id)


def commit_run(
    warehouse: Path,
    lake: Path,
    manifest: lk.Manifest,
    run_id: str,
    started_at: datetime,
    plan: Plan,
    staged: Sequence[StagedBatch],
    registry: Registry,
    rejections: Sequence[Rejection],
    inputs: Sequence[str],
    inputs_read: int,
) -> RunSummary:
    """Swap in the new state: lake manifest first (the commit point), then the rebuilt database."""
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
        "pipeline_version": pipeline_version.current()[0],
        "pipeline_parts": pipeline_version.current()[1],
        "articles_recomputed": plan.recomputed,
        "inputs": "\n".join(inputs),
    }
    new["runs"] = manifest["runs"] + [lk.write_rows(lake, "runs", [run_row], run_id)]
    if rejections:
        rows = [
            {"run_id": run_id, "source_uri": r.source_uri, "reason": r.reason, "article_id": r.article_id,
             "content_hash": r.content_hash, "final": r.final}
            for r in rejections
        ]
        new["rejected_inputs"] = manifest["rejected_inputs"] + [lk.write_rows(lake, "rejected_inputs", rows, run_id)]
    remove_stale_builds(warehouse)
    built, summary.checks = build_database(warehouse, lake, new)
    checkpoint("load")
    lk.commit_manifest(lake, new, run_id)
    checkpoint("swap")
    swap_in(warehouse, built)
    lk.collect_garbage(lake, new, previous=manifest)
    summary.table_rows = {t: sum(_rows(lake / f) for f in files) for t, files in new.items()}
    return summary


def _mention_forms(lake: Path, files: list[str]) -> list[tuple[str, str, str, int]]:
    """(entity_id, mention_text, label, mentions) over the whole lake, counted by DuckDB straight from Parquet."""
    if not files:
        return []
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        return con.execute(
            "SELECT entity_id, mention_text, label, count(*) FROM read_parquet($files) "
            "WHERE entity_id IS NOT NULL GROUP BY ALL",
            {"files": [str(lake / f) for f in files]},
        ).fetchall()
    finally:
        con.close()


def _rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows
