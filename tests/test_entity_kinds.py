"""Readers' kinds of real entities (issue 34): the labels keep ids, offsets and verdicts but no article text, the
training draw never reads the held-out halves, and the tally counts junk and wrong types as the README says."""

from __future__ import annotations

import json

import pytest

from nightdesk.evaluate.entity_kinds import HELD_OUT, KINDS, LABELS, tally
from nightdesk.evaluate.event_labels import half

ALLOWED = {"key", "source_id", "half", "type", "kind", "mixed", "note", "labeller"}


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("path", "least"), [(LABELS, 1200), (HELD_OUT, 240)])
def test_the_labels_hold_ids_offsets_and_verdicts_but_no_article_text(path, least):
    rows = _rows(path)
    assert len(rows) >= least and len({r["key"] for r in rows}) == len(rows)
    for row in rows:
        assert set(row) <= ALLOWED, row["key"]
        assert row["half"] == half(row["source_id"])
        assert row["kind"] in KINDS and row["mixed"] in ("yes", "no")
        assert len(row["note"] or "") <= 120  # a reason in a few words, not a quotation


def test_the_training_draw_reads_half_a_only_and_the_held_out_draw_another_corpus():
    train, held = _rows(LABELS), _rows(HELD_OUT)
    assert {r["half"] for r in train} == {"A"}
    # held out: polnear-dev (never in the training night) and half B of scrapinghub-dev
    assert all(r["half"] == "B" for r in held if r["source_id"].endswith(".html"))
    assert not {r["source_id"] for r in train if not r["source_id"].endswith(".html")} & {r["source_id"] for r in held}


def test_the_tally_counts_junk_wrong_types_and_right_ones():
    found = [("a", "ORG", "JUNK"), ("a", "ORG", "PRODUCT"), ("b", "PERSON", "PERSON"), ("b", "ORG", "PRODUCT")]
    t = tally(found)
    assert (t["clusters"], t["junk"], t["wrong_type"], t["right"]) == (4, 1, 2, 1)
    assert t["errors"][0] == (("ORG", "PRODUCT"), 2)
