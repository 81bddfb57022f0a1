"""The analyst views count an event on a day only when the text gives its day: "in 2012" is no 1 January, "last
month" no first of the month (issue 33, dates honest)."""

from __future__ import annotations

from nightdesk.load.analyst import create_views_and_comments

from .warehouse import analyst_tables


def _views():
    con = analyst_tables()
    con.execute(
        "INSERT INTO entities (entity_id, canonical_name, entity_type, first_run_id, country_code) "
        "VALUES ('p', 'Kabul', 'GPE', 'r', 'AF')"
    )
    for i, (day, precision) in enumerate(
        [("2016-03-09", "day"), ("2016-03-07", "week"), ("2016-03-01", "month"), ("2016-01-01", "year")]
    ):
        con.execute(
            "INSERT INTO events (event_id, article_id, event_type, start_char, end_char, confidence, event_date, "
            "date_precision, location_entity_id) VALUES (?, 'a', 'ASSAULT', 0, 1, 0.99, ?, ?, 'p')",
            [f"e{i}", day, precision],
        )
    create_views_and_comments(con, 0.85)
    return con


def test_a_day_view_counts_a_period_on_no_day_and_a_week_view_a_week_only():
    con = _views()
    days = con.execute("SELECT day::VARCHAR, events FROM events_per_country_day ORDER BY day NULLS LAST").fetchall()
    assert days == [("2016-03-09", 1), (None, 3)]  # every event still counted, none on 1 March or 1 January
    weeks = con.execute(
        "SELECT week::DATE::VARCHAR, events FROM events_per_location_week ORDER BY week NULLS LAST"
    ).fetchall()
    assert weeks == [("2016-03-07", 2), (None, 2)]
    clusters = con.execute("SELECT event_date::VARCHAR FROM event_clusters ORDER BY 1 NULLS LAST").fetchall()
    assert clusters == [("2016-03-09",), (None,), (None,), (None,)]
