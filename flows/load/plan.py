"""Deciding what a run does: which articles are new or changed, which are unchanged, which a backfill window leaves
alone, which were rejected for good before, and which the pipeline must redo because its rules changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from nightdesk.extract.records import Article
from nightdesk.load import catalog
from nightdesk.load.schemas import sql_text
from nightdesk.transform import version as pipeline_version


@dataclass
class Plan:
    to_process: list[Article]
    unchanged: list[Article]
    replaced_ids: set[str]  # already in the lake, changed since: all their rows are replaced
    outside_window: int = 0  # articles a date-bounded backfill left alone
    rejected_before: int = 0  # of `unchanged`: rejected for good by an earlier run and not changed since
    recomputed: int = 0  # of `to_process`: unchanged articles made under another pipeline version
    recomputed_because: list[str] = field(default_factory=list)  # the pipeline parts that changed
    # Articles whose text or metadata changed since the lake's version: (article, what changed, the lake's source_uri).
    changed: list[tuple[Article, str, str | None]] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # article id → the id an earlier version gave it (replaced)


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
    loc: catalog.Location,
    version: pipeline_version.PipelineVersion,
    reprocess: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> Plan:
    con = catalog.connect(loc, read_only=True)
    try:
        known = catalog.read(
            con, "articles", ["article_id", "content_hash", "pipeline_version", "source_uri"]
        ).to_pylist()
        runs = catalog.read(con, "runs", ["run_id", "started_at", "status", "pipeline_version", "pipeline_parts"])
        runs = [
            r for r in runs.to_pylist() if r["status"] == "completed"
        ]  # failed and interrupted runs computed nothing
        rejected = catalog.read(con, "rejected_inputs", ["run_id", "article_id", "content_hash", "final"]).to_pylist()
    finally:
        con.close()
    stored = {r["article_id"]: (r["content_hash"], r["pipeline_version"]) for r in known}
    uris = {r["article_id"]: r["source_uri"] for r in known}
    given_up = final_rejections(rejected, runs, version)
    to_process, unchanged, replaced, changed, moved = [], [], set(), [], {}
    rejected_before = recomputed = 0
    window = [a for a in articles if in_window(a, since, until)]
    for article in window:
        previous = stored.get(article.article_id)
        legacy = _earlier_id(article, stored, uris)
        if previous is None and legacy is not None:
            # The same article under the id an earlier version gave it: replaced under its id of today, once.
            replaced.add(legacy)
            moved[article.article_id] = legacy
            to_process.append(article)
            continue
        if previous == (article.content_hash, version.version) and not reprocess:
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
            if previous[0] != article.content_hash:
                changed.append((article, "", uris[article.article_id]))
    if changed:  # what changed, for the night's report: the lake's texts of those articles alone
        texts = _texts(loc, [a.article_id for a, _what, _uri in changed])
        changed = [(a, "text" if texts.get(a.article_id) != a.text else "metadata", uri) for a, _what, uri in changed]
    last_parts = max(runs, key=lambda r: r["started_at"])["pipeline_parts"] if runs else None
    because = pipeline_version.what_changed(last_parts, version.parts) if recomputed else []
    return Plan(
        to_process,
        unchanged,
        replaced,
        len(articles) - len(window),
        rejected_before,
        recomputed,
        because,
        changed,
        moved,
    )


def _texts(loc: catalog.Location, ids: list[str]) -> dict[str, str]:
    con = catalog.connect(loc, read_only=True)
    try:
        return dict(con.execute(sql_text("lake", "article_texts.sql"), {"ids": ids}).fetchall())
    finally:
        con.close()


def _earlier_id(article: Article, stored: dict, uris: dict) -> str | None:
    """The lake's id for this article when an earlier version named it otherwise (a file by its path relative to the
    input, a record with a URL by its text), and the lake's article is this one: the same text and metadata, or the
    same file. None otherwise: a different story that happened to share the old id is a new article, and the lake's
    stays."""
    legacy = article.legacy_id
    if legacy is None or legacy not in stored:
        return None
    same = stored[legacy][0] == article.content_hash or (
        article.id_from == "file" and uris[legacy] == article.source_uri
    )
    return legacy if same else None


def final_rejections(
    rejected: list[dict], runs: list[dict], version: pipeline_version.PipelineVersion
) -> set[tuple[str, str]]:
    """(article_id, content_hash) of articles rejected for good under this pipeline version (`runs`: the runs table)."""
    current = {r["run_id"] for r in runs if r["pipeline_version"] == version.version}
    return {(r["article_id"], r["content_hash"]) for r in rejected if r["final"] and r["run_id"] in current}
