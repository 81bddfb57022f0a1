"""Data checks return the violating rows, and a violation stops the database from being replaced."""

from __future__ import annotations

import duckdb
import pytest

from nightdesk.load import lake as lk
from nightdesk.load.analyst import create_reference_tables
from nightdesk.load.schemas import TABLES, ddl
from nightdesk.load.warehouse import DataCheckFailed, check_files, run_checks


def _db():
    con = duckdb.connect(":memory:")
    for t in TABLES:
        con.execute(ddl(t))
    create_reference_tables(con)
    return con


def test_clean_database_passes_every_check():
    con = _db()
    con.execute(
        "INSERT INTO articles (article_id, text, content_hash, run_id, pipeline_version, story_id) VALUES ('a', 'Iraq said so.', 'h', 'r', '2', 'a')"
    )
    con.execute(
        "INSERT INTO entities (entity_id, canonical_name, entity_type, first_run_id, country_entity_id) VALUES ('e', 'Iraq', 'GPE', 'r', NULL)"
    )
    con.execute("INSERT INTO entity_mentions VALUES ('m', 'a', 'e', 0, 4, 'Iraq', 'GPE')")
    assert len(check_files()) >= 6
    assert [r.name for r in run_checks(con) if r.violations] == []


def test_each_kind_of_violation_is_named():
    con = _db()
    con.execute(
        "INSERT INTO articles (article_id, text, content_hash, run_id, pipeline_version, published_at, story_id) VALUES ('a', 'Iraq said so.', 'h', 'r', '2', '2021-11-07', 'a')"
    )
    con.execute(  # a copy that names itself as its first copy
        "INSERT INTO articles (article_id, text, content_hash, run_id, pipeline_version, story_id, duplicate_of) VALUES ('b', 'Iraq said so.', 'h', 'r', '2', 'b', 'b')"
    )
    con.execute(
        "INSERT INTO entity_mentions VALUES ('m', 'a', 'ghost', 0, 3, 'Iraq', 'GPE')"
    )  # bad slice, missing entity
    con.execute(
        "INSERT INTO events (event_id, article_id, event_type, trigger, start_char, end_char, event_date) VALUES ('v', 'a', 'PARTY', 'said', 5, 9, '2099-01-01')"
    )
    con.execute("INSERT INTO event_mentions VALUES ('em', 'v', 'a', 5, 9, 'said')")  # the event's own trigger
    con.execute("INSERT INTO event_mentions VALUES ('em2', 'gone', 'a', 0, 4, 'Iraq')")  # of no event
    con.execute("INSERT INTO event_statistics VALUES ('s', 'a', 'killed', 3, 0, 4, 'said', 'so far')")  # bad slice
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, articles_seen, articles_loaded, articles_unchanged, articles_rejected, pipeline_version) VALUES ('r', now(), 'completed', 3, 1, 0, 1, '2')"
    )
    con.execute(  # the quote is its span, but its speaker is not the text at the speaker's offsets
        "INSERT INTO quotes (quote_id, article_id, content, start_char, end_char, quote_type, speaker_text, "
        "speaker_start_char, speaker_end_char, spans) VALUES ('q', 'a', 'so', 10, 12, 'indirect', 'Iraq', 0, 3, "
        "'[[10, 12]]')"
    )
    failed = {r.name for r in run_checks(con) if r.violations}
    assert failed == {
        "quote_speakers_slice_to_text",
        "event_mentions_slice_to_text_and_point_to_events",
        "event_statistics_slice_to_text",
        "mention_offsets_slice_to_text",
        "mentions_point_to_articles_and_entities",
        "event_types_are_plover",
        "event_dates_plausible",
        "run_counts_reconcile",
        "articles_belong_to_stories",
    }


def test_a_failed_check_leaves_the_lake_and_the_live_database_alone(tmp_path):
    from nightdesk.load import catalog
    from nightdesk.load.night import apply_night
    from nightdesk.load.registry import Registry
    from nightdesk.settings import SEEDS_DIR
    from nightdesk.transform import rules

    wh = tmp_path
    loc = catalog.location(wh)
    bad = {
        "mention_id": "m",
        "article_id": "nowhere",
        "entity_id": None,
        "start_char": 0,
        "end_char": 1,
        "mention_text": "x",
        "label": "ORG",
    }
    staged = {"entity_mentions": [str(lk.write_rows(wh / "staging", "entity_mentions", [bad], "bad"))]}
    (wh / "news.duckdb").write_bytes(b"previous night")
    con = catalog.connect(loc, create=True)
    try:
        before = catalog.current_snapshot(con)
        registry = Registry([], [], "r", rules.load(SEEDS_DIR), {})
        with pytest.raises(DataCheckFailed, match="mentions_point_to_articles_and_entities"):
            apply_night(con, wh, "r", staged, set(), registry, [], [], [], SEEDS_DIR)
        assert catalog.current_snapshot(con) == before
        assert con.execute("SELECT count(*) FROM entity_mentions").fetchone()[0] == 0
    finally:
        con.close()
    assert (wh / "news.duckdb").read_bytes() == b"previous night"
