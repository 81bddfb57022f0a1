"""The event audits kept in tests/data/audits/ hold ids, offsets and verdicts only, and their figures are counted by
flows/evaluate/event_audit.py."""

from __future__ import annotations

import json
from pathlib import Path

from nightdesk.evaluate.event_audit import KEPT, corpus_of, tally

AUDITS = Path(__file__).parent / "data" / "audits"
VERDICTS = {
    "real",
    "right_type",
    "current",
    "actor",
    "target",
    "date",
    "date_at_precision",
    "counts",
    "note",
    "labeller",
}


def test_the_third_audit_keeps_no_text_and_tallies_as_its_readme_says():
    rows = [json.loads(line) for line in (AUDITS / "events-2026-12-08.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        assert set(row) <= set(KEPT) | VERDICTS, row["key"]
        assert len(row["note"]) <= 150 and row["corpus"] == corpus_of(row["source_id"])
    figures = tally(rows)
    assert figures[0].startswith("random100: real happenings of the right type 78 of 100")
    assert figures[-1] == "counts right 14 of 23"
    readme = (AUDITS / "README.md").read_text(encoding="utf-8")
    assert "78 of 100" in readme and "14 of 23" in readme


def test_the_tally_counts_a_publication_day_right_only_for_a_current_act():
    row = {"audit": "random100", "real": "yes", "actor": "none", "confidence": 0.9, "corpus": "polnear"}
    rows = [
        {**row, "date": "wrong", "date_source": "publication", "current": "current"},
        {**row, "date": "wrong", "date_source": "publication", "current": "past"},
        {**row, "date": "right", "date_source": "text", "current": "current"},
        {**row, "date": "none_right", "date_source": None, "current": "past"},
    ]
    assert "1 of 3 dated; with the publication day taken as right for a current act 2" in tally(rows)[2]


def test_the_short_name_labels_hold_ids_and_verdicts_but_no_text():
    labels = Path(__file__).parent / "data" / "labels"
    for name in ("short_names.jsonl", "short_names_heldout.jsonl"):
        rows = [json.loads(line) for line in (labels / name).read_text(encoding="utf-8").splitlines()]
        assert len(rows) >= 200
        for row in rows:
            assert set(row) == {"key", "source_id", "half", "surface", "candidates", "answer", "note", "labeller"}
            assert len(row["note"]) <= 150 and len(row["key"].split(":")) == 3
            assert row["answer"] in row["candidates"] or row["answer"].split(":")[0] in (
                "other",
                "not_person",
                "unclear",
            )


def test_the_entity_audit_keeps_ids_and_verdicts_and_tallies_as_its_readme_says():
    rows = [
        json.loads(line) for line in (AUDITS / "entities-2026-12-08.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    allowed = {"audit", "entity_id", "type", "mentions", "one_thing", "type_right", "right_type", "junk", "name_right",
               "split", "clean", "note", "labeller"}  # fmt: skip
    assert all(set(r) <= allowed and len(r["note"]) <= 150 for r in rows)
    top = [r for r in rows if r["audit"] == "top30"]
    drawn = [r for r in rows if r["audit"] == "random50"]
    assert (len(top), sum(r["clean"] == "yes" for r in top)) == (30, 14)
    assert (len(drawn), sum(r["junk"] == "yes" or r["type_right"] == "no" for r in drawn)) == (50, 18)


def test_the_quote_audit_keeps_ids_and_verdicts_and_tallies_as_its_readme_says():
    from nightdesk.evaluate.quote_audit import tally as quote_tally

    rows = [json.loads(line) for line in (AUDITS / "quotes-2026-12-08.jsonl").read_text(encoding="utf-8").splitlines()]
    allowed = {"audit", "quote_id", "mention_id", "article_id", "start", "end", "geonames_id", "span", "speaker",
               "via", "place_right", "span_first_reading", "note", "labeller"}  # fmt: skip
    assert all(set(r) <= allowed and len(r["note"]) <= 250 for r in rows)
    figures = quote_tally(rows)
    assert figures[0].startswith("quotes100: span right 89 of 100")
    assert figures[1].startswith("speaker right and resolved to the right entity 66 of 100")
    assert figures[2].endswith("24 of 25")
    readme = (AUDITS / "README.md").read_text(encoding="utf-8")
    assert "**89 of 100**" in readme and "**66 of 100**" in readme and "**24 of 25**" in readme
