"""One batch of articles → rows for every article-derived table (the unit one Prefect task runs)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial

from flows.extract.records import Article, Rejection
from flows.settings import Settings
from flows.transform.event_details import resolve_date
from flows.transform.limits import ArticleTooSlow, text_to_parse, time_budget
from flows.transform.mentions import mention_rows, stable_id
from flows.transform.nlp import load_nlp
from flows.transform.workers import close_workers, worker_pool


@dataclass
class BatchRows:
    articles: list[dict] = field(default_factory=list)
    entity_mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    # Articles the pipeline failed on, by article_id (a changed one keeps its previous rows), with their rejection.
    failed: dict[str, Rejection] = field(default_factory=dict)
    tokens: int = 0


def article_row(article: Article, run_id: str, pipeline_version: str) -> dict:
    return {
        "article_id": article.article_id,
        "source_id": article.source_id,
        "source_uri": article.source_uri,
        "url": article.url,
        "title": article.title,
        "author": article.author,
        "publisher": article.publisher,
        "published_at": article.published_at,
        "text": article.text,
        "content_hash": article.content_hash,
        "run_id": run_id,
        "pipeline_version": pipeline_version,
        "extra": json.dumps(article.extra, ensure_ascii=False, sort_keys=True, default=str) if article.extra else None,
    }


def quote_rows(article_id: str, doc, text: str) -> list[dict]:
    """Quote rows; `speaker_ref` (the speaker's entity mention) is turned into speaker_entity_id at staging.

    Content comes from the article's own text (the parsed text had punctuation runs blanked; offsets are the same).
    doc.text would also rebuild the whole string for every span: quadratic on a long article with many quotes."""
    rows = []
    for q in doc._.nd_quotes:
        rows.append(
            {
                "quote_id": stable_id("quote", article_id, q.start, q.end),
                "article_id": article_id,
                "content": " ".join(text[s:e] for s, e in q.spans),
                "start_char": q.start,
                "end_char": q.end,
                "quote_type": q.quote_type,
                "cue": q.cue,
                "speaker_text": q.speaker_text,
                "speaker_entity_id": None,
                "speaker_start_char": q.speaker_start,
                "speaker_end_char": q.speaker_end,
                "cue_start_char": q.cue_start,
                "spans": json.dumps(q.spans),
                "speaker_ref": q.speaker_ref,
            }
        )
    return rows


def event_rows(article_id: str, doc, published) -> list[dict]:
    """Event rows; the *_ref fields (entity mentions of actor, target, place) become entity ids at staging."""
    rows = []
    for ev in doc._.nd_events:
        actor, target, place = ev.actor, ev.target, ev.location
        rows.append(
            {
                "event_id": stable_id("event", article_id, ev.start_char, ev.event_type),
                "article_id": article_id,
                "event_type": ev.event_type,
                "event_mode": ev.mode,
                "trigger": ev.trigger,
                "start_char": ev.start_char,
                "end_char": ev.end_char,
                "actor_text": actor.text if actor else None,
                "actor_entity_id": None,
                "target_text": target.text if target else None,
                "target_entity_id": None,
                "location_text": place.text if place else None,
                "location_entity_id": None,
                "event_date": resolve_date(ev.date_text, published) if ev.date_text else None,
                "date_text": ev.date_text,
                "killed": ev.counts.get("killed"),
                "injured": ev.counts.get("injured"),
                "arrested": ev.counts.get("arrested"),
                "actor_ref": actor.ref if actor else None,
                "target_ref": target.ref if target else None,
                "location_ref": place.ref if place else None,
            }
        )
    return rows


# Articles per job sent to a worker: small enough that both workers stay busy to the end of a batch, large enough
# that nlp.pipe still batches.
CHUNK = 4
Job = tuple[str, str, object]  # article_id, text, published_at
DocRows = tuple[list[dict], list[dict], list[dict], int]  # mentions, quotes, events, tokens


def doc_rows(jobs: Sequence[Job], settings: Settings) -> Iterator[DocRows]:
    """Parse the texts and turn each doc into its rows, in order, within the chunk's time budget."""
    nlp = load_nlp(settings)
    with time_budget(settings.limits.article_seconds * len(jobs)):
        texts = (text_to_parse(job[1]) for job in jobs)
        for (article_id, text, published), doc in zip(jobs, nlp.pipe(texts, batch_size=16), strict=True):
            yield (
                mention_rows(article_id, doc),
                quote_rows(article_id, doc, text),
                event_rows(article_id, doc, published),
                len(doc),
            )


def chunk_rows(jobs: Sequence[Job], settings: Settings = Settings()) -> list[DocRows | str]:
    """Rows for each article of a chunk, or the error (a string) for an article the pipeline fails on.

    A failed chunk is redone one article at a time, so one bad article costs only itself.
    """
    try:
        return list(doc_rows(jobs, settings))
    except Exception as exc:  # noqa: BLE001  (any failure of one article is that article's rejection)
        if len(jobs) == 1:
            return [f"{type(exc).__name__}: {exc}"]
    return [row for job in jobs for row in chunk_rows([job], settings)]


def _rows(jobs: list[Job], processes: int, settings: Settings) -> Iterator[DocRows | str]:
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    if processes <= 1 or len(jobs) < 2 * CHUNK:
        for chunk in chunks:
            yield from chunk_rows(chunk, settings)
        return
    try:
        for rows in worker_pool(processes, settings).map(partial(chunk_rows, settings=settings), chunks):
            yield from rows
    except BrokenProcessPool:
        close_workers()  # a worker died (killed, out of memory): the task's retry starts a fresh pool
        raise


def transform_failure(article: Article, error: str) -> Rejection:
    if error.startswith(ArticleTooSlow.__name__):
        return Rejection(
            article.source_uri,
            f"article {article.article_id} went over the time budget of one article ({error.split(': ', 1)[-1]}; "
            "NIGHTDESK_ARTICLE_SECONDS); this run left it out (an earlier version, if any, stays), and later runs do "
            "not try it again until it changes. Split it or clean it (tables, code, repeated symbols) and rerun.",
            article.article_id,
            article.content_hash,
            final=True,
        )
    return Rejection(
        article.source_uri,
        f"the NLP pipeline failed on article {article.article_id} ({error[:500]}); this run left it out (an earlier "
        "version, if any, stays) and the next run tries it again. If it fails again, report it with this article.",
        article.article_id,
        article.content_hash,
    )


def transform_batch(
    articles: Sequence[Article],
    run_id: str,
    pipeline_version: str,
    settings: Settings = Settings(),
    on_article: Callable[[Article], None] | None = None,
    processes: int | None = None,
) -> BatchRows:
    """Rows of every article (`processes` overrides settings.processes: a Dask worker parses in its own process)."""
    out = BatchRows()
    jobs = [(a.article_id, a.text, a.published_at) for a in articles]
    for article, result in zip(articles, _rows(jobs, processes or settings.processes, settings), strict=True):
        if isinstance(result, str):
            out.failed[article.article_id] = transform_failure(article, result)
        else:
            mentions, quotes, events, tokens = result
            out.articles.append(article_row(article, run_id, pipeline_version))
            out.entity_mentions.extend(mentions)
            out.quotes.extend(quotes)
            out.events.extend(events)
            out.tokens += tokens
        if on_article is not None:
            on_article(article)
    return out
