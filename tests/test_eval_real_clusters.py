"""Clusters on real news scored over pairs of articles (flows/evaluate/real_clusters.py), on hand-made rows."""

from __future__ import annotations

import pytest

from nightdesk.evaluate.real_clusters import GOLD, load_gold, score

WINDOWS = [{"window": "w1", "half": "A", "articles": ["a", "b", "c"]}]
HAPPENINGS = [
    {"id": "h1", "types": ["ASSAULT"], "mentions": {"a": [[0, 50]], "b": [[100, 150]]}},
    {"id": "h2", "types": ["OTHER"], "mentions": {"b": [[200, 250]], "c": [[0, 40]]}},
]


def _ev(event_id, kind, cluster, start):
    return {"event_id": event_id, "event_type": kind, "cluster_id": cluster, "start": start}


def test_a_pair_joined_in_one_happening_is_right_and_a_pair_joined_across_two_is_wrong():
    events = {
        "a": [_ev("e1", "ASSAULT", "c1", 10)],
        "b": [_ev("e2", "ASSAULT", "c1", 120), _ev("e3", "ACCUSE", "c2", 210)],
        "c": [_ev("e4", "ACCUSE", "c2", 300)],  # outside h2's sentences: joined, but not of one happening
    }
    report = score(WINDOWS, HAPPENINGS, events)
    assert (report.found, report.right) == (2, 1)
    assert report.wrong == [("b", "c", "c2")]
    # h1's pair is reachable (an ASSAULT in both) and joined; h2's is a debate, of no PLOVER type: unreachable
    assert (report.gold, report.reachable, report.joined) == (2, 1, 1)
    assert report.prf == pytest.approx((0.5, 1.0, 2 / 3))


def test_a_reachable_pair_left_apart_is_missed():
    events = {"a": [_ev("e1", "ASSAULT", "c1", 10)], "b": [_ev("e2", "ASSAULT", "c9", 120)], "c": []}
    report = score(WINDOWS, HAPPENINGS, events)
    assert (report.found, report.reachable, report.joined) == (0, 1, 0)
    assert report.missed == [("a", "b", "h1")]
    assert report.recall_all == 0.0


def test_the_gold_has_its_halves_and_every_happening_two_articles_of_its_window():
    windows, happenings = load_gold(GOLD, "AB")
    assert {w["half"] for w in windows} == {"A", "B"} and sum(len(w["articles"]) for w in windows) >= 150
    articles = {w["window"]: set(w["articles"]) for w in windows}
    for h in happenings:
        assert len(h["mentions"]) >= 2 and set(h["mentions"]) <= articles[h["window"]]
        assert all(0 <= s < e for spans in h["mentions"].values() for s, e in spans)
