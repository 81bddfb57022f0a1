"""Event coding on real parses: types, negation and modality, participants, dates and counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from nightdesk.transform.events.details import resolve_date
from nightdesk.transform.nlp import load_nlp


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


def test_participants_of_reduced_clauses_and_of_measured_nouns():
    [arrest] = events_of("A judge will decide whether former minister Ricardo Fuentes, arrested on Wednesday, stays.")
    assert arrest.event_type == "COERCE" and arrest.target.text.endswith("Ricardo Fuentes") and arrest.actor is None
    [detention] = events_of("Judge to rule on detention of Ricardo Fuentes")
    assert detention.target.text == "Ricardo Fuentes"
    aid = next(
        e for e in events_of("Japan will provide $10 million in emergency aid to Bangladesh.") if e.trigger == "aid"
    )
    assert (aid.event_type, aid.actor.text, aid.target.text) == ("AID", "Japan", "Bangladesh")
    assert types_of("Militias backed by Iran fired rockets.") == [("ASSAULT", "fired")]  # a group, not a SUPPORT


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
        ("early Sunday", ("2021-11-07", "day")),
        ("on Friday", ("2021-11-05", "day")),
        ("October 10", ("2021-10-10", "day")),
        ("last week", ("2021-10-25", "week")),  # the Monday of the week before publication
        ("almost a month ago", ("2021-10-07", "day")),
        ("Sunday’s", ("2021-11-07", "day")),
        ("in December", ("2020-12-01", "month")),  # news reports the past: last December
        ("last month", ("2021-10-01", "month")),
        ("2014", ("2014-01-01", "year")),
        ("50", None),  # an age the model took for a date
    ],
)
def test_dates_resolve_against_publication(text, expected):
    got = resolve_date(text, datetime(2021, 11, 7))
    assert ((got.day.isoformat(), got.precision) if got else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb. 21", "2024-02-21"),  # "will meet on Feb. 21", published 2024-02-14: not 2023
        ("Thursday", "2024-02-15"),  # "will meet on Thursday": the next Thursday, not the last
        ("27 June", "2024-06-27"),
        ("next week", "2024-02-19"),
    ],
)
def test_a_future_clause_resolves_forward(text, expected):
    assert resolve_date(text, datetime(2024, 2, 14), future=True).day.isoformat() == expected


def test_future_and_planned_clauses_are_found_in_the_parse():
    [meet] = [e for e in events_of("The two leaders will meet on Thursday in Geneva.") if e.trigger == "meet"]
    [visit] = [e for e in events_of("The president plans to visit Kyiv on Friday.") if e.trigger == "visit"]
    [fought] = [e for e in events_of("Rebels attacked the town on Friday.") if e.trigger == "attacked"]
    assert meet.future and visit.future and not fought.future


def test_no_publication_date_means_only_absolute_dates():
    assert resolve_date("Friday", None) is None
    assert resolve_date("March 3, 2019", None).day.isoformat() == "2019-03-03"


def test_the_source_s_offset_keeps_the_local_day_of_publication_and_of_its_events():
    from nightdesk.extract.records import make_article
    from nightdesk.transform.rows import event_rows

    text = "TAIPEI, Jan 17 - Protesters marched on Wednesday against the new law. Police arrested the leaders."
    article = make_article({"published": "2024-01-17T06:30+08:00"}, text, "test://taipei", None)
    assert article.published_at == datetime(2024, 1, 16, 22, 30) and article.published_offset_minutes == 480
    assert article.published_local == datetime(2024, 1, 17, 6, 30)
    rows, _ = event_rows(article.article_id, load_nlp()(article.text), article.published_local)
    protest = next(r for r in rows if r["event_type"] == "PROTEST")
    assert (protest["event_date"].isoformat(), protest["date_source"]) == ("2024-01-17", "text")
    arrest = next(r for r in rows if r["trigger"] == "arrested")
    assert arrest["date_source"] in ("context", "publication") and arrest["event_date"].isoformat() == "2024-01-17"


def test_every_event_has_a_date_and_says_where_it_comes_from():
    from nightdesk.transform.rows import event_rows

    doc = load_nlp()("Rebels attacked the town. The army will meet the elders on Thursday.")
    rows, _ = event_rows("a1", doc, datetime(2024, 2, 14))
    assert {r["date_source"] for r in rows} <= {"text", "context", "publication"}
    attack = next(r for r in rows if r["trigger"] == "attacked")
    assert (attack["event_date"].isoformat(), attack["date_source"]) == ("2024-02-14", "publication")
    assert all(r["event_date"] is None for r in event_rows("a1", doc, None)[0] if r["date_source"] is None)


def test_a_year_after_publication_is_a_horizon_not_a_date():
    assert resolve_date("2050", datetime(2016, 9, 8)) is None
    assert resolve_date("2018", datetime(2016, 9, 8), future=True).day.isoformat() == "2018-01-01"


def test_negation_scope_follows_the_parse():
    from nightdesk.transform.events.scope import negated_in_scope

    def scope(text, word):
        doc = load_nlp()(text)
        return negated_in_scope(next(t for t in doc if t.text == word))

    assert scope("Analysts saw the attack as a warning and not as an assassination attempt.", "assassination")
    assert not scope("Analysts saw the attack as a warning and not as an assassination attempt.", "attack")
    assert scope("The army did not launch an attack.", "attack")
    assert not scope("The attack did not kill anyone.", "attack")
    assert not scope("Airstrikes.", "Airstrikes")  # a fragment's root: the walk up the tree ends


def test_reports_of_one_happening_become_one_event_with_all_its_mentions():
    from nightdesk.transform.rows import event_rows

    text = (
        "The prime minister survived a drone strike on his home early Sunday. "
        "His house had been targeted by three armed drones. "
        "On Friday, police fired tear gas at protesters outside the Green Zone. "
        "Officials described the attack as an act of terrorism. "
        "Leaders blamed the prime minister. Leaders blamed the police."
    )
    rows, mentions = event_rows("a1", load_nlp()(text), datetime(2021, 11, 7))
    assaults = [r for r in rows if r["event_type"] == "ASSAULT"]
    drone = next(r for r in assaults if r["event_mode"] == "drone")
    assert drone["num_mentions"] == 3 and drone["event_date"].isoformat() == "2021-11-07"
    assert {m["trigger"] for m in mentions if m["event_id"] == drone["event_id"]} == {"strike", "targeted", "attack"}
    assert "three armed drones" in (drone["actor_text"] or "")  # the most specific participant of its mentions
    assert len(assaults) == 2  # Friday's tear gas is another happening (another day, another mode)
    # Two blames of two targets stay two; calling the attack "an act of terrorism" is a third accusation.
    assert sorted(r["trigger"] for r in rows if r["event_type"] == "ACCUSE") == ["blamed", "blamed", "described"]
    assert sum(r["num_mentions"] for r in rows) == len(mentions)


def test_a_hypothetical_or_negated_act_is_no_event():
    text = (
        "You can gain sympathy as a prime minister who survived an assassination attempt. "
        "Analysts saw it as a warning and not as an assassination attempt."
    )
    assert [e for e in events_of(text) if e.event_type == "ASSAULT"] == []


def test_actors_are_never_datelines_clauses_or_backers_and_counts_never_ages():
    [fired] = events_of("NAIROBI, Kenya (AP) — Police fired tear gas at protesters on Monday.")
    assert fired.actor is None or "NAIROBI" not in fired.actor.text
    assert fired.mode == "crowd-control"  # tear gas, though "fire" says firearms
    [blamed] = events_of("Leaders of Iran-backed militias blamed Mr. al-Kadhimi for the violence.")
    assert blamed.actor.text == "Leaders of Iran-backed militias" and blamed.actor.affiliation == "Iran"
    assert blamed.actor.ref is None  # the actor is the group, not Iran
    warned = [e for e in events_of("What we have seen is violence, not to kill, but to warn, said Renad Mansour.")]
    assert all(e.actor is None or e.actor.text != "What we have seen" for e in warned)
    [arrest] = events_of("Police arrested Daniel Montalvo, 19, on Friday.")
    assert "arrested" not in arrest.counts


def test_a_warning_of_a_risk_is_no_threat():
    assert types_of("The minister warned that the plan carries real risks.") == []
    assert [t for t, _ in types_of("Iran warned it would retaliate against any attack.")] == ["THREATEN"]


def test_a_participle_describing_a_group_and_seeking_a_term_are_no_events():
    assert "SUPPORT" not in [t for t, _ in types_of("Militias backed by Iran blamed the government.")]
    assert types_of("The prime minister is seeking another term.") == []
    assert ("REQUEST", "sought") in types_of("Kyiv sought military aid from its allies.")


def test_a_headline_is_not_retold_by_a_report_dated_months_before_and_eu_measures_are_sanctions():
    from nightdesk.transform.rows import event_rows

    text = (
        "Rocket attack hits near coalition base at Erbil airport\n\n"
        "Rockets landed near a base used by coalition forces at Erbil airport in northern Iraq on Tuesday evening, "
        "Kurdish security officials said.\n\n"
        "Iran-aligned armed groups have repeatedly attacked US forces in Iraq and Syria since October, officials say."
    )
    rows, _ = event_rows("a1", load_nlp()(text), datetime(2024, 3, 19, 21, 0))
    assert sorted(str(r["event_date"]) for r in rows if r["event_type"] == "ASSAULT") == ["2023-10-01", "2024-03-19"]
    [sanction] = events_of("EU foreign ministers adopted new restrictive measures against Belarusian judges.")
    assert (sanction.event_type, sanction.actor.text) == ("SANCTION", "EU foreign ministers")


def test_a_total_over_a_period_or_several_happenings_is_no_event_s_count():
    # one happening: its count
    [bomb] = [e for e in events_of("A car bomb killed 12 people in Kabul on Monday.") if e.event_type == "ASSAULT"]
    assert bomb.counts == {"killed": 12}  # the object's number, not the subject's "A"
    [shot] = [e for e in events_of("Two gunmen killed the minister.") if e.event_type == "ASSAULT"]
    assert shot.counts == {}  # the killers are not the killed
    # a year's national total, and a total over two crashes: statistics, never one event's count
    year = events_of("More than 2,500 civilians have been killed this year, the United Nations said.")
    assert all("killed" not in e.counts for e in year)
    crashes = events_of("The two crashes killed a total of 346 people.")
    assert all("killed" not in e.counts for e in crashes)
    since = events_of("Police have arrested 40 militants since 2001.")
    assert all("arrested" not in e.counts for e in since)


def test_an_arrest_is_never_the_event_of_the_killed():
    evs = events_of("A guard was arrested, and the officer ordered firing at a crowd in which four people were killed.")
    assert all("killed" not in e.counts for e in evs if e.event_type == "COERCE")
    assert any(e.counts.get("killed") == 4 for e in evs if e.event_type == "ASSAULT")


def test_police_report_wording_proposes_arrests_and_force():
    assert ("COERCE", "held") in types_of("Fifty people were held by the police after the clashes.")
    assert ("COERCE", "remanded") in types_of("He was remanded to police custody till April 1.")
    assert ("ASSAULT", "lathicharged") in types_of("The police lathicharged the crowd.")
    assert not [t for t, w in types_of("The party held talks with the rebels on Friday.") if t == "COERCE"]
    assert not [t for t, w in types_of("Cruz is holding a party at the club.") if t == "COERCE"]


def test_a_curfew_kills_no_one_and_hacked_to_death_is_an_attack():
    evs = events_of("Two people were killed in overnight violence as more areas were brought under curfew.")
    assert all(not e.counts for e in evs if e.event_type == "COERCE")
    assert ("ASSAULT", "hacked") in types_of("A shopkeeper was hacked to death by a mob.")
    assert ("COERCE", "hacked") in types_of("Russian hackers hacked the party's servers.")


def test_a_statistic_is_kept_apart_with_its_period():
    from nightdesk.transform.events.details import statistics

    doc = load_nlp()("More than 2,500 civilians have been killed this year. Police arrested a total of 346 people.")
    found = [(kind, n, tok.text, period) for sent in doc.sents for kind, n, tok, period in statistics(sent)]
    assert found == [("killed", 2500, "killed", "this year"), ("arrested", 346, "arrested", "a total of")]
    assert all(not e.counts for e in doc._.nd_events)  # never an event's count


def test_a_night_keeps_statistics_in_their_table(tmp_path):
    import duckdb

    from .night import nightly

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Violence in the region\n\nMore than 2,500 civilians have been killed this year, the United Nations said on "
        "Tuesday. On Monday, a car bomb killed 12 people in the capital, police said.\n",
        encoding="utf-8",
    )
    summary = nightly(inputs=[str(tmp_path / "in")], warehouse=str(tmp_path / "wh"))
    assert summary.checks_passed == len(summary.checks)
    con = duckdb.connect(str(tmp_path / "wh" / "news.duckdb"), read_only=True)
    assert con.execute("SELECT kind, value, period_text FROM event_statistics").fetchall() == [
        ("killed", 2500, "this year")
    ]
    assert con.execute("SELECT sum(killed) FROM events").fetchone()[0] == 12


def test_a_number_in_words_keeps_its_unit():
    evs = events_of("Police arrested sixty-three people in the city on Saturday.")
    assert [e.counts for e in evs if e.event_type == "COERCE"] == [{"arrested": 63}]
    evs = events_of("Twenty five people were injured in the blast.")
    assert any(e.counts.get("injured") == 25 for e in evs)
    evs = events_of("Sixty people were killed in the attack.")
    assert any(e.counts.get("killed") == 60 for e in evs)
