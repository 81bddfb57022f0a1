"""Transform in worker processes: the same rows as in one process; a dead worker or a bad article fails only itself."""

from __future__ import annotations

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from nightdesk.extract.discover import extract_inputs
from nightdesk.settings import Settings
from nightdesk.transform import batch as batch_module
from nightdesk.transform import workers
from nightdesk.transform.batch import CHUNK, transform_batch

from .conftest import SEED_DIR
from .night import nightly
from .warehouse import query


@pytest.fixture(scope="module")
def seed_articles():
    articles = extract_inputs([SEED_DIR]).articles
    assert len(articles) >= 2 * CHUNK  # enough for the worker pool to be used
    return articles


def _rows(batch):
    return {table: getattr(batch, table) for table in ("articles", "entity_mentions", "quotes", "events")}


def test_two_workers_give_the_rows_of_one_process(seed_articles):
    one = transform_batch(seed_articles, "run-1", "v1", processes=1)
    seen = []
    two = transform_batch(seed_articles, "run-1", "v1", on_article=seen.append, processes=2)
    try:
        assert workers._pool is not None and workers._pool_key[0] == 2  # the batch really went to the pool
    finally:
        workers.close_workers()
    assert _rows(two) == _rows(one)
    assert two.tokens == one.tokens > 0
    assert [a.article_id for a in seen] == [a.article_id for a in seed_articles]  # progress, in order
    assert len(one.quotes) > 0 and len(one.events) > 0 and len(one.entity_mentions) > 0


def test_a_killed_worker_fails_the_batch_and_the_retry_starts_a_fresh_pool(seed_articles):
    pool = workers.worker_pool(2, Settings())
    list(pool.map(abs, [1, 2]))  # the workers exist once a job ran
    os.kill(next(iter(pool._processes)), signal.SIGKILL)
    try:
        with pytest.raises(BrokenProcessPool):
            transform_batch(seed_articles, "run-1", "v1", processes=2)
        assert workers._pool is None  # the broken pool was dropped
        again = transform_batch(seed_articles, "run-1", "v1", processes=2)
        assert len(again.articles) == len(seed_articles) and again.tokens > 0
    finally:
        workers.close_workers()


MARKER = "Renad Mansour spoke again"


def _poison(monkeypatch):
    """Make the pipeline raise on any article whose text holds MARKER, as a component bug would."""
    real = batch_module.event_rows

    def event_rows(article_id, doc, published, scorer=None):
        if MARKER in doc.text:
            raise ValueError("poisoned for the test")
        return real(article_id, doc, published, scorer)

    monkeypatch.setattr(batch_module, "event_rows", event_rows)


@pytest.mark.parametrize("processes", [1, 2])
def test_an_article_the_pipeline_fails_on_is_rejected_and_the_rest_load(seed_articles, monkeypatch, processes):
    from dataclasses import replace

    bad = replace(seed_articles[5], text=seed_articles[5].text + "\n\n" + MARKER + ".")
    articles = [*seed_articles[:5], bad, *seed_articles[6:]]
    _poison(monkeypatch)
    workers.close_workers()  # the pool forks after the patch
    try:
        out = transform_batch(articles, "run-1", "v1", processes=processes)
    finally:
        workers.close_workers()
    assert [r["article_id"] for r in out.articles] == [a.article_id for a in articles if a is not bad]
    assert set(out.failed) == {bad.article_id}
    [rejection] = out.failed.values()
    assert rejection.source_uri == bad.source_uri
    assert (
        f"the NLP pipeline failed on article {bad.article_id} (ValueError: poisoned for the test)" in rejection.reason
    )
    assert bad.article_id not in {m["article_id"] for m in out.entity_mentions}
    assert {m["article_id"] for m in out.entity_mentions} == {a.article_id for a in articles if a is not bad}


def test_a_changed_article_the_pipeline_fails_on_keeps_its_previous_rows(seed_input, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh))
    before = query(wh, "SELECT text, (SELECT count(*) FROM entity_mentions) FROM articles")

    seed_file = next(seed_input.glob("*.txt"))
    seed_file.write_text(seed_file.read_text(encoding="utf-8") + "\n\n" + MARKER + " in London.\n", encoding="utf-8")
    _poison(monkeypatch)
    failed = nightly(inputs=[str(seed_input)], warehouse=str(wh))
    assert (failed.articles_seen, failed.articles_loaded, failed.articles_unchanged, failed.articles_rejected) == (
        1,
        0,
        0,
        1,
    )
    assert query(wh, "SELECT text, (SELECT count(*) FROM entity_mentions) FROM articles") == before
    [(uri, reason)] = query(wh, "SELECT source_uri, reason FROM rejected_inputs")
    assert uri == str(seed_file) or uri.endswith(seed_file.name)
    assert "ValueError: poisoned for the test" in reason and "the next run tries it again" in reason

    monkeypatch.undo()
    fixed = nightly(inputs=[str(seed_input)], warehouse=str(wh))
    assert (fixed.articles_loaded, fixed.articles_rejected) == (1, 0)
    [(text,)] = query(wh, "SELECT text FROM articles")
    assert MARKER in text
    runs = query(
        wh, "SELECT articles_seen, articles_loaded, articles_unchanged, articles_rejected FROM runs ORDER BY started_at"
    )
    assert runs == [(1, 1, 0, 0), (1, 0, 0, 1), (1, 1, 0, 0)]
