"""One batch of articles → rows for every article-derived table (the unit one Prefect task runs)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial

from nightdesk.extract.records import Article, Rejection
from nightdesk.settings import Settings
from nightdesk.transform.events.scorer import load as load_scorer
from nightdesk.transform.language import detect
from nightdesk.transform.limits import ArticleTooSlow, text_to_parse, time_budget
from nightdesk.transform.nlp import load_nlp
from nightdesk.transform.rows import article_row, event_rows, mention_rows, quote_rows, statistic_rows
from nightdesk.transform.text.paragraphs import with_body_start
from nightdesk.transform.tone import article_tone
from nightdesk.transform.workers import close_workers, worker_pool


@dataclass
class BatchRows:
    articles: list[dict] = field(default_factory=list)
    entity_mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    event_mentions: list[dict] = field(default_factory=list)
    event_statistics: list[dict] = field(default_factory=list)
    # Articles the pipeline failed on, by article_id (a changed one keeps its previous rows), with their rejection.
    failed: dict[str, Rejection] = field(default_factory=dict)
    tokens: int = 0
    other_language: Counter = field(default_factory=Counter)  # language → articles loaded unparsed
    # What entity resolution (load/resolve.py) needs beside the finished rows: each mention's cluster name, and the
    # entity mention ((start, end) in the article) a quote's speaker or an event's actor, target and place points at.
    names: dict[str, str | None] = field(default_factory=dict)  # mention_id → canonical name
    refs: dict[str, dict[str, tuple[int, int] | None]] = field(default_factory=dict)  # row id → {id column: span}


# Articles per job sent to a worker: small enough that both workers stay busy to the end of a batch, large enough
# that nlp.pipe still batches.
CHUNK = 4
Job = tuple[str, str, object, int]  # article_id, text, publication time on the source's clock, body start
# mentions, quotes, events + their mentions + statistics, tokens, the article's tone, and the rows' links (names, refs)
DocRows = tuple[list[dict], list[dict], tuple[list[dict], list[dict], list[dict]], int, float | None, tuple[dict, dict]]
# The working fields rows.py leaves on a row for entity resolution, and the id column each becomes.
REFS = {"speaker_ref": "speaker_entity_id", "actor_ref": "actor_entity_id", "target_ref": "target_entity_id",
        "location_ref": "location_entity_id"}  # fmt: skip


def detach(mentions: list[dict], quotes: list[dict], events: list[dict]) -> tuple[dict, dict]:
    """Take the working fields off the rows, so that what leaves transform are finished rows of the tables'
    columns: (mention_id → canonical name, row id → {id column: the mention span it points at})."""
    names = {m["mention_id"]: m.pop("canonical") for m in mentions}
    for row in events:
        row.pop("features", None)  # what the scorer read (events/evidence.py); the confidence stays
    refs = {}
    for rows, key in ((quotes, "quote_id"), (events, "event_id")):
        for row in rows:
            refs[row[key]] = {REFS[f]: row.pop(f) for f in list(row) if f in REFS}
    return names, refs


def doc_rows(jobs: Sequence[Job], settings: Settings) -> Iterator[DocRows]:
    """Parse the texts and turn each doc into its rows, in order, within the chunk's time budget."""
    nlp = load_nlp(settings)
    scorer = load_scorer(settings.seeds_dir)
    with time_budget(settings.limits.article_seconds * len(jobs)):
        docs = (with_body_start(nlp.make_doc(text_to_parse(job[1])), job[3]) for job in jobs)
        for (article_id, text, published, body), doc in zip(jobs, nlp.pipe(docs, batch_size=16), strict=True):
            mentions, quotes = mention_rows(article_id, doc), quote_rows(article_id, doc, text)
            events = (*event_rows(article_id, doc, published, scorer), statistic_rows(article_id, doc))
            links = detach(mentions, quotes, events[0])
            yield mentions, quotes, events, len(doc), article_tone(doc, body or 0), links


def chunk_rows(jobs: Sequence[Job], settings: Settings | None = None) -> list[DocRows | str]:
    """Rows for each article of a chunk, or the error (a string) for an article the pipeline fails on.

    A failed chunk is redone one article at a time, so one bad article costs only itself.
    """
    settings = settings or Settings.load()
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
        # Never more workers than chunks: each holds a parse of its own, and an idle one is only memory.
        pool = worker_pool(min(processes, len(chunks)), settings)
        for rows in pool.map(partial(chunk_rows, settings=settings), chunks):
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
    settings: Settings | None = None,
    on_article: Callable[[Article], None] | None = None,
    processes: int | None = None,
) -> BatchRows:
    """Rows of every article (`processes` overrides settings.processes: a Dask worker parses in its own process)."""
    settings = settings or Settings.load()
    out = BatchRows()
    languages = {a.article_id: detect(a.text, settings.languages) for a in articles}
    parsed = []
    for article in articles:
        language = languages[article.article_id]
        if language.code in settings.languages:
            parsed.append(article)
            continue
        out.articles.append(article_row(article, run_id, pipeline_version, language))  # never given to the pipeline
        out.other_language[language.code] += 1
        if on_article is not None:
            on_article(article)
    jobs = [(a.article_id, a.text, a.published_local, a.body_start) for a in parsed]
    for article, result in zip(parsed, _rows(jobs, processes or settings.processes, settings), strict=True):
        if isinstance(result, str):
            out.failed[article.article_id] = transform_failure(article, result)
        else:
            mentions, quotes, (events, event_mentions, statistics), tokens, tone, (names, refs) = result
            out.articles.append(article_row(article, run_id, pipeline_version, languages[article.article_id], tone))
            out.entity_mentions.extend(mentions)
            out.quotes.extend(quotes)
            out.events.extend(events)
            out.event_mentions.extend(event_mentions)
            out.event_statistics.extend(statistics)
            out.names.update(names)
            out.refs.update(refs)
            out.tokens += tokens
        if on_article is not None:
            on_article(article)
    return out
