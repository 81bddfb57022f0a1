"""The event scorer (issue 33): shipped weights that say what they were trained on, a confidence on every event, the
analyst views counting events from a threshold, and a missing or broken weights file stopping a run before any work."""

from __future__ import annotations

import json

import duckdb
import pytest

from nightdesk import settings
from nightdesk.evaluate import train_scorer
from nightdesk.evaluate.event_labels import LABELS, half
from nightdesk.load.analyst import create_views_and_comments
from nightdesk.transform.events import scorer

from .night import nightly
from .warehouse import analyst_tables


def test_the_shipped_weights_load_and_name_their_training_data():
    shipped = scorer.load(settings.SEEDS_DIR)
    assert 0.5 <= shipped.threshold <= 0.95 and len(shipped.fingerprint) == 16
    # what the weights say can be read: a violent type with no harm in its sentence counts against
    assert shipped.real.weights["violent_without_harm"] < 0 < shipped.real.weights["violent_with_harm"]
    assert shipped.current.weights["perfect_past"] < 0


def test_confidence_is_a_logistic_of_the_features():
    s = scorer.Scorer(scorer.Linear({"a": 2.0, "b": -1.0}, 0.0, 0.5), scorer.Linear({"a": -1.0}, 0.0, 0.5), "x")
    assert s.confidence({}) == 0.5
    assert s.is_current({}) and not s.is_current({"a": 1.0})
    assert s.confidence({"a": 1.0}) > 0.85 > s.confidence({"a": 1.0, "b": 1.0}) > 0.5
    assert s.confidence({"unknown feature": 1.0}) == 0.5
    assert 0.0 <= s.confidence({"a": 1e9}) <= 1.0  # never an overflow


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no event scorer there"),
        ("{not json", "not a readable event scorer (JSONDecodeError"),
        ('{"real": {"weights": {"a": 1}, "intercept": 0}}', "not a readable event scorer (KeyError"),
        (
            '{"real": {"weights": {"a": "NaN"}, "intercept": 0, "threshold": 0.5}, "current": {}, "fingerprint": "f"}',
            "not a finite number",
        ),
    ],
)
def test_a_missing_or_broken_scorer_stops_the_run_before_any_work_naming_the_file(seeds, seed_input, tmp_path,
                                                                                   content, message):  # fmt: skip
    path = seeds / scorer.FILE
    if content is None:
        path.unlink()
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(scorer.ScorerFileError) as failed:
        nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    assert str(failed.value).startswith(f"{path.resolve()}: ") and message in str(failed.value)
    assert "\n" not in str(failed.value)
    assert not (tmp_path / "wh" / "news.duckdb").exists()


def test_every_event_has_a_confidence_and_the_views_count_from_the_threshold(seed_input, tmp_path):
    nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    con = duckdb.connect(str(tmp_path / "wh" / "news.duckdb"), read_only=True)
    confidences = [c for (c,) in con.execute("SELECT confidence FROM events").fetchall()]
    assert confidences and all(c is not None and 0 <= c <= 1 for c in confidences)
    threshold = con.execute("SELECT event_threshold()").fetchone()[0]
    assert threshold == scorer.load(settings.SEEDS_DIR).threshold
    kept = con.execute("SELECT count(*) FROM event_timeline").fetchone()[0]
    assert kept == sum(c >= threshold for c in confidences)


def _timeline_rows(threshold: float) -> int:
    con = analyst_tables()
    for i, c in enumerate((0.2, 0.6, 0.9, None)):
        con.execute(
            "INSERT INTO events (event_id, article_id, event_type, start_char, end_char, confidence) "
            "VALUES (?, 'a', 'ASSAULT', 0, 1, ?)",
            [f"e{i}", c],
        )
    create_views_and_comments(con, threshold)
    return con.execute("SELECT count(*) FROM event_timeline").fetchone()[0]


def test_a_lower_threshold_counts_more_events():
    # a row made before the scorer (no confidence) always counts
    assert [_timeline_rows(t) for t in (0.85, 0.5, 0.0)] == [2, 3, 4]


def test_training_is_deterministic_and_its_fingerprint_follows_the_data():
    examples = [({"x": float(i % 3), f"lemma=w{i % 5}": 1.0}, int(i % 3 > 0)) for i in range(60)]
    first, again = train_scorer.train(examples), train_scorer.train(list(examples))
    assert first == again
    assert train_scorer.train(examples[:-1])["fingerprint"] != first["fingerprint"]


def test_the_labels_hold_ids_offsets_and_verdicts_but_no_article_text():
    if not LABELS.exists():
        pytest.skip("no labels yet")
    allowed = {"key", "source_id", "half", "corpus", "real", "right_type", "current", "actor", "target", "date",
               "counts", "note", "labeller"}  # fmt: skip
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 1500
    for row in rows:
        assert set(row) <= allowed, row["key"]
        assert row["half"] == half(row["source_id"])
        assert row["real"] in ("yes", "wrong_type", "no")
        assert len(row["note"] or "") <= 200  # a reason in a few words, not a quotation


def test_a_past_nights_views_count_from_the_threshold_setting(seed_input, tmp_path, monkeypatch):
    import nightdesk

    monkeypatch.setenv("NIGHTDESK_EVENT_THRESHOLD", "0.25")
    summary = nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    con = nightdesk.connect(tmp_path / "wh", as_of=summary.run_id)
    try:
        assert con.execute("SELECT event_threshold()").fetchone()[0] == 0.25
    finally:
        con.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no short-name model there"), ('{"weights": {"first_named": 1}}', "not a readable short-name model")],
)
def test_a_missing_or_broken_short_name_model_stops_the_run_before_any_work(seeds, seed_input, tmp_path, content,
                                                                            message):  # fmt: skip
    from nightdesk.transform.entities import short_names

    path = seeds / short_names.FILE
    if content is None:
        path.unlink()
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(short_names.ShortNameScorerError) as failed:
        nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    assert str(failed.value).startswith(f"{path.resolve()}: ") and message in str(failed.value)
    assert "\n" not in str(failed.value) and not (tmp_path / "wh" / "news.duckdb").exists()
