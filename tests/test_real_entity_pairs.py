"""Mentions in real articles that name different things must never share an entity, and mentions of one thing must
(issue 34). tests/data/entity_pairs/real_pairs.csv names each mention by its corpus document and offsets (no text of
the articles); the articles are read from ../shared/eval, and the test skips where they are absent. A pair the code
is known to get wrong is a strict expected failure that says why."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from nightdesk.extract.discover import read_file
from nightdesk.extract.records import Article, make_article
from nightdesk.load.registry import Registry
from nightdesk.load.resolve import resolve_entities
from nightdesk.settings import SEEDS_DIR, Settings
from nightdesk.transform.batch import transform_batch
from nightdesk.transform.rules import load

from .conftest import REPO

PAIRS = REPO / "tests" / "data" / "entity_pairs" / "real_pairs.csv"
SHARED = REPO.parent / "shared" / "eval"


def _rows() -> list[dict]:
    with open(PAIRS, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _articles(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Article]:
    """(corpus, source id) → the article as a night extracts it."""
    found = {}
    for corpus in {c for c, _ in wanted}:
        ids = {s for c, s in wanted if c == corpus}
        if corpus == "scrapinghub-dev":
            for source_id in ids:
                path = SHARED / corpus / "html" / source_id
                for article in read_file(path, path.parent):
                    if isinstance(article, Article):
                        found[(corpus, source_id)] = article
            continue
        for n, line in enumerate((SHARED / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()):
            record = json.loads(line)
            if record["id"] in ids:
                found[(corpus, record["id"])] = make_article(record, record["text"], f"{corpus}#{n}", None)
    return found


@pytest.fixture(scope="module")
def entity_at():
    """(corpus, source id, start, end) → entity id, for every mention of the pairs' articles as one night."""
    rows = _rows()
    if not SHARED.exists():
        pytest.skip("../shared/eval is not here")
    wanted = {(r["corpus"], r[f"{side}_source_id"]) for r in rows for side in "ab"}
    articles = _articles(wanted)
    found = transform_batch(list(articles.values()), "run-real-pairs", "v", Settings(processes=1))
    resolve_entities(found, Registry([], [], "run-real-pairs", load(SEEDS_DIR)))
    by_id = {a.article_id: key for key, a in articles.items()}
    return {(*by_id[m["article_id"]], m["start_char"], m["end_char"]): m["entity_id"] for m in found.entity_mentions}


def _pairs(kind: str) -> list:
    return [
        pytest.param(r, id=f"{r['category']}:{r['a_text']}|{r['b_text']}",
                     marks=[pytest.mark.xfail(strict=True, reason=r["known_failure"])] if r.get("known_failure") else [])
        for r in _rows()
        if r["expect"] == kind
    ]  # fmt: skip


def _ids(entity_at, r) -> tuple[str | None, str | None]:
    a = entity_at.get((r["corpus"], r["a_source_id"], int(r["a_start"]), int(r["a_end"])))
    b = entity_at.get((r["corpus"], r["b_source_id"], int(r["b_start"]), int(r["b_end"])))
    return a, b


def test_the_real_set_is_big_enough():
    assert len(_pairs("apart")) >= 40 and len(_pairs("join")) >= 15


@pytest.mark.parametrize("r", _pairs("apart"))
def test_different_things_in_real_articles_never_merge(entity_at, r):
    a, b = _ids(entity_at, r)
    assert a is None or b is None or a != b, f"{r['a_text']!r} and {r['b_text']!r} merged ({r['why']})"


@pytest.mark.parametrize("r", _pairs("join"))
def test_one_thing_in_real_articles_joins(entity_at, r):
    a, b = _ids(entity_at, r)
    assert a is not None and a == b, f"{r['a_text']!r} / {r['b_text']!r}: {a} / {b} ({r['why']})"


def test_every_pair_names_a_mention_of_its_article():
    for r in _rows():
        for side in "ab":
            assert int(r[f"{side}_start"]) < int(r[f"{side}_end"]) and r[f"{side}_text"], r
    assert Path(PAIRS).read_text(encoding="utf-8").count("\n") == len(_rows()) + 1
