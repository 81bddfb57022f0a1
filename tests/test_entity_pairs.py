"""Names that must stay apart and forms that must join, on short articles written for the purpose
(tests/data/entity_pairs/README.md says how each pair was decided)."""

from __future__ import annotations

import csv
import json
from collections import defaultdict

import pytest

from nightdesk.extract.records import make_article
from nightdesk.load.registry import Registry
from nightdesk.load.resolve import resolve_entities
from nightdesk.settings import SEEDS_DIR, Settings
from nightdesk.transform.batch import transform_batch
from nightdesk.transform.entities.component import mention_name
from nightdesk.transform.rules import load
from nightdesk.transform.text.names import name_key

from .conftest import REPO

DATA = REPO / "tests" / "data" / "entity_pairs"


@pytest.fixture(scope="module")
def resolved():
    """Every article through the real pipeline and one registry, as one night: mention rows with entity ids."""
    rules = load(SEEDS_DIR)
    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [
        make_article(json.loads(line), json.loads(line)["text"], f"pairs#{n}", None) for n, line in enumerate(lines)
    ]
    rows = transform_batch(articles, "run-pairs", "v", Settings(processes=1))
    resolve_entities(rows, Registry([], [], "run-pairs", rules))
    by_name: dict[str, set[str]] = defaultdict(set)
    for m in rows.entity_mentions:
        name, _label = mention_name(m["mention_text"], m["label"], rules)
        by_name[name_key(name)].add(m["entity_id"])
    return rows, by_name


def _pairs(kind: str) -> list:
    """The pairs of one kind; a pair the code is known to get wrong is an expected failure that says why (strict:
    when it starts to pass, the test says so)."""
    with open(DATA / "pairs.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["expect"] == kind]
    return [
        pytest.param(r["a"], r["b"], marks=pytest.mark.xfail(strict=True, reason=r["known_failure"]))
        if r["known_failure"]
        else (r["a"], r["b"])
        for r in rows
    ]


def test_the_set_is_big_enough():
    assert len(_pairs("apart")) >= 30 and len(_pairs("join")) >= 5


@pytest.mark.parametrize(("a", "b"), _pairs("apart"))
def test_different_things_never_merge(resolved, a, b):
    _rows, by_name = resolved
    ids_a, ids_b = by_name[name_key(a)] - {None}, by_name[name_key(b)] - {None}
    assert ids_a and ids_b, f"{a!r} or {b!r} was not found as an entity"
    assert not ids_a & ids_b


@pytest.mark.parametrize(("a", "b"), _pairs("join"))
def test_one_thing_written_two_ways_joins(resolved, a, b):
    _rows, by_name = resolved
    ids = by_name[name_key(a)] | by_name[name_key(b)]
    assert len(ids) == 1 and None not in ids, f"{a!r} / {b!r}: {ids}"


def test_words_labels_and_headline_fragments_are_not_names(resolved):
    rows, _by_name = resolved
    texts = {m["mention_text"] for m in rows.entity_mentions}
    assert not {t for t in texts if not any(ch.isupper() for ch in t)}, "a lower-case word became a name"
    assert not {t for t in texts if t.strip("()").rstrip(".") in {"I-Vt", "R-Ky", "D-Mass", "Tex"}}
    assert not {t for t in texts if t.lower().endswith((" says", " said", " tells"))}
