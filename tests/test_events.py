"""Event coding on real parses: types, negation and modality, participants, dates and counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from flows.transform.event_details import resolve_date
from flows.transform.nlp import load_nlp


def events_of(text):
    return load_nlp()(text)._.nd_events


def types_of(text):
    return [(e.event_type, e.trigger) for e in events_of(text)]


def test_assault_with_actor_target_mode_and_place():
    [ev] = events_of("Rebels fired rockets at a police station in Kandahar on Monday.")
    assert ev.event_type == "ASSAULT"
    assert ev.actor.text == "Rebels" and "police station" in ev.target.text
    assert ev.location.text == "Kandahar" and ev.date_text == "Monday"


def test_negation_threat_and_intent():
    assert types_of("The army did not attack the village.") == []
    assert [t for t, _ in types_of("The militia threatened to attack the embassy.")] == ["THREATEN"]
    assert ("AGREE", "withdraw") in types_of("Syria said it will withdraw its troops from Lebanon.")
    assert ("THREATEN", "boycott") in types_of("Palestinian leaders said they would boycott all official contact.")


def test_passive_and_noun_triggers():
    evs = events_of("Five protesters were arrested by police in Cairo.")
    arrest = next(e for e in evs if e.event_type == "COERCE")
    assert arrest.actor.text == "police" and "protesters" in arrest.target.text
    assert arrest.counts == {"arrested": 5}
    strike = events_of("The drone strike on the minister's home was condemned.")
    assert any(e.event_type == "ASSAULT" and e.mode == "drone" for e in strike)


def test_counts_go_to_the_event_they_belong_to():
    text = (
        "On Friday, militia members protested against the results outside the Green Zone. "
        "Police used force that killed at least one person. "
        "The ministry said more than 120 other people were injured in the demonstration."
    )
    protest = next(e for e in events_of(text) if e.event_type == "PROTEST")
    assert protest.counts.get("killed") == 1 and protest.counts.get("injured") == 120
    assert protest.date_text == "Friday"


def test_reported_obligation_is_a_request():
    assert ("REQUEST", "return") in types_of("Russia said on Tuesday that Sudan must return the helicopter.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("early Sunday", "2021-11-07"),
        ("on Friday", "2021-11-05"),
        ("October 10", "2021-10-10"),
        ("last week", "2021-10-31"),
        ("almost a month ago", "2021-10-07"),
        ("Sunday’s", "2021-11-07"),
        ("2014", None),
        ("50", None),
    ],
)
def test_dates_resolve_against_publication(text, expected):
    got = resolve_date(text, datetime(2021, 11, 7))
    assert (got.isoformat() if got else None) == expected


def test_no_publication_date_means_only_absolute_dates():
    assert resolve_date("Friday", None) is None
    assert resolve_date("March 3, 2019", None).isoformat() == "2019-03-03"
