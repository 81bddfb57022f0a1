"""Transform in worker processes gives the same rows as in one process, and survives a worker's death."""

from __future__ import annotations

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from flows.extract.discover import extract_inputs
from flows.transform import workers
from flows.transform.batch import CHUNK, transform_batch

from .conftest import SEED_DIR


@pytest.fixture(scope="module")
def seed_articles():
    articles = extract_inputs([SEED_DIR]).articles
    assert len(articles) >= 2 * CHUNK  # enough for the worker pool to be used
    return articles


def _rows(batch):
    return {table: getattr(batch, table) for table in ("articles", "entity_mentions", "quotes", "events")}


def test_two_workers_give_the_rows_of_one_process(seed_articles):
    one = transform_batch(seed_articles, "run-1", processes=1)
    seen = []
    two = transform_batch(seed_articles, "run-1", on_article=seen.append, processes=2)
    try:
        assert workers._pool is not None and workers._pool_size == 2  # the batch really went to the pool
    finally:
        workers.close_workers()
    assert _rows(two) == _rows(one)
    assert two.tokens == one.tokens > 0
    assert [a.article_id for a in seen] == [a.article_id for a in seed_articles]  # progress, in order
    assert len(one.quotes) > 0 and len(one.events) > 0 and len(one.entity_mentions) > 0


def test_a_killed_worker_fails_the_batch_and_the_retry_starts_a_fresh_pool(seed_articles):
    pool = workers.worker_pool(2)
    list(pool.map(abs, [1, 2]))  # the workers exist once a job ran
    os.kill(next(iter(pool._processes)), signal.SIGKILL)
    try:
        with pytest.raises(BrokenProcessPool):
            transform_batch(seed_articles, "run-1", processes=2)
        assert workers._pool is None  # the broken pool was dropped
        again = transform_batch(seed_articles, "run-1", processes=2)
        assert len(again.articles) == len(seed_articles) and again.tokens > 0
    finally:
        workers.close_workers()
