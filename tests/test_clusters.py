"""Event clusters across articles: which reports are one happening, and how clusters grow night by night."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from nightdesk.evaluate.clusters import pooled, score
from nightdesk.load.cluster_context import Context, standing_for
from nightdesk.load.clusters import ENOUGH, Report, evidence, links, scored_pairs, settled
from nightdesk.load.groups import components

CTX = Context(
    country={"nairobi": "KE", "mombasa": "KE", "kenya": "KE", "lima": "PE", "peru": "PE", "russia": "RU"},
    countries=frozenset({"kenya", "peru", "russia"}),
    towns=frozenset({"nairobi", "mombasa", "lima"}),
    named={"a1": frozenset({"nairobi", "ruto"}), "a2": frozenset({"nairobi", "ruto"}), "a3": frozenset({"mombasa"})},
    article_towns={"a1": frozenset({"nairobi"}), "a2": frozenset({"nairobi"}), "a3": frozenset({"mombasa"})},
    nation={"russian": "russia"},
)


def report(event_id, article_id, *, kind="PROTEST", day=date(2024, 3, 12), actor=None, actor_text=None, target=None,
           target_text=None, place=None, published=None, cluster=None):  # fmt: skip
    return Report(event_id, article_id, kind, day, actor, actor_text, target, target_text, place, published, cluster)


def test_two_reports_of_one_protest_in_one_town_are_one_happening():
    a = report("e1", "a1", actor_text="protesters", place="nairobi")
    b = report("e2", "a2", place="nairobi", day=date(2024, 3, 13))  # "yesterday", read the next morning
    assert evidence(a, b, CTX) >= 2


def test_anything_conflicting_keeps_reports_apart():
    a = report("e1", "a1", place="nairobi", actor="police")
    assert evidence(a, report("e2", "a2", place="nairobi", kind="ASSAULT"), CTX) is None  # another type
    assert evidence(a, report("e2", "a2", place="nairobi", day=date(2024, 3, 14)), CTX) is None  # two days on
    assert evidence(a, report("e2", "a2", place="nairobi", actor="army"), CTX) is None  # another actor entity
    assert evidence(a, report("e2", "a3", place="mombasa"), CTX) is None  # another town
    assert evidence(a, report("e2", "a2", place="lima"), CTX) is None  # another country
    # A physical happening whose articles name no town in common: even with no place of its own.
    assert evidence(report("e1", "a1", actor="police"), report("e2", "a3", actor="police"), CTX) is None


def test_different_phrases_for_a_role_do_not_conflict_but_do_not_count():
    a = report("e1", "a1", actor_text="riot police", place="kenya")
    b = report("e2", "a2", actor_text="officers", place="kenya")
    assert evidence(a, b, CTX) == 1 + 0 + 0 + 1  # the country, no actor word, no target, names in common (1 at most)


def test_one_country_alone_is_not_enough():
    a = report("e1", "x1", kind="AID", place="kenya")
    b = report("e2", "x2", kind="AID", place="kenya")
    assert evidence(a, b, CTX) == 1
    assert links([a], [b], CTX) == []


def test_a_nationality_stands_for_its_country_and_a_sanction_may_be_placed_loosely():
    a = report("e1", "x1", kind="SANCTION", actor="russian", target_text="Iranian firms", place="peru")
    b = report("e2", "x2", kind="SANCTION", actor="russia", target_text="six Iranian companies", place="kenya")
    assert evidence(a, b, CTX) == 2 + 1  # one actor, a target word in common; the two countries forgiven


def test_reports_of_one_article_are_not_linked_and_lake_clusters_are_named():
    night = [report("n1", "a2", place="nairobi"), report("n3", "a3", place="mombasa", actor_text="police")]
    lake = [report("l1", "a1", place="nairobi", cluster="c0")]
    assert links(night, lake, CTX) == [("n1", "c0")]


def test_a_cluster_keeps_one_event_per_article_the_strongest_link_first():
    # Two events an article tells apart (an arrest; a tally of arrests) are two happenings: the second report of the
    # arrest joins the one its article agrees with most, and the other event stays out of that cluster.
    night = [
        report("n1", "a2", kind="COERCE", target="fuentes", place="nairobi"),
        report("n2", "a2", kind="COERCE", place="nairobi"),
    ]
    lake = [report("l1", "a1", kind="COERCE", target="fuentes", place="nairobi", cluster="c0")]
    assert links(night, lake, CTX) == [("n1", "c0")]


def test_a_cluster_is_named_for_its_earliest_report_and_renamed_when_an_earlier_one_arrives():
    early, late = datetime(2024, 3, 12, 8), datetime(2024, 3, 12, 20)
    named = components({"n1": early, "n2": None}, {"c0": late}, [("n1", "c0"), ("n2", "n1")])
    assert named == {"n1": "n1", "n2": "n1", "c0": "n1"}
    assert components({"n1": late}, {"c0": early}, [("n1", "c0")]) == {"n1": "c0", "c0": "c0"}
    assert components({"n1": late}, {}, []) == {}


def test_pairwise_score_counts_pairs_of_articles():
    gold = {"a": "h1", "b": "h1", "c": "h1", "d": "h2"}
    found = {"a": {"x"}, "b": {"x"}, "c": {"y"}, "d": {"x", "z"}}
    report_ = score(gold, found)
    assert (report_.gold_pairs, report_.found_pairs, report_.right_pairs) == (3, 3, 1)
    assert report_.wrong == [("a", "d"), ("b", "d")] and ("a", "c") in report_.missed
    both = pooled([report_, report_])
    assert both.prf == report_.prf and both.gold_pairs == 6


def test_statements_need_the_same_speaker_and_addressee():
    a = report("e1", "a1", kind="ACCUSE", actor="trump", place="nairobi")
    assert evidence(a, report("e2", "a2", kind="ACCUSE", actor="trump", place="nairobi"), CTX) == 0
    both = report("e2", "a2", kind="ACCUSE", actor="trump", target="clinton", place="nairobi")
    assert evidence(report("e1", "a1", kind="ACCUSE", actor="trump", target="clinton"), both, CTX) >= 2


def test_a_widespread_entity_counts_less_and_widespread_names_not_at_all():
    ctx = Context(
        country={},
        countries=frozenset(),
        towns=frozenset(),
        named={"a1": frozenset({"x"}), "a2": frozenset({"x"})},
        article_towns={},
        nation={},
        widespread=frozenset({"trump"}),
    )
    a = report("e1", "a1", kind="COERCE", actor="trump")
    b = report("e2", "a2", kind="COERCE", actor="trump")
    assert evidence(a, b, ctx) == 1 + 1  # the actor, widespread; one name in common
    assert evidence(a, b, dataclasses.replace(ctx, named={})) == 1


def test_a_town_as_actor_is_the_place_and_a_person_is_no_place():
    ctx = dataclasses.replace(CTX, places=frozenset({"nairobi", "mombasa", "lima", "kenya", "peru", "russia"}))
    bombing = settled(report("e1", "a1", kind="ASSAULT", actor="nairobi"), ctx)  # "the Nairobi bombing"
    assert (bombing.actor_entity_id, bombing.location_entity_id) == (None, "nairobi")
    summit = settled(report("e1", "a3", kind="CONSULT", place="ruto"), ctx)  # "a summit with Ruto"
    assert (summit.location_entity_id, summit.place_inferred) == ("mombasa", True)  # its article's town instead
    sanction = settled(report("e1", "a3", kind="SANCTION", place="ruto"), ctx)
    assert sanction.location_entity_id is None  # no town is inferred for what has no physical place


def test_a_physical_happening_without_a_place_is_placed_in_its_articles_only_town():
    ctx = dataclasses.replace(CTX, places=frozenset({"nairobi", "mombasa"}))
    arrest = settled(report("e1", "a1", kind="COERCE", target="fuentes"), ctx)
    assert (arrest.location_entity_id, arrest.place_inferred) == ("nairobi", True)
    assert settled(report("e1", "a1", kind="ACCUSE"), ctx).location_entity_id is None  # a statement is not placed
    other = settled(report("e2", "a2", kind="COERCE", place="nairobi"), ctx)
    assert evidence(arrest, other, ctx) == 1 + 0 + 0 + 1  # an inferred town counts as a country does


def test_the_sides_of_a_meeting_may_be_named_in_either_order():
    a = report("e1", "a1", kind="CONSULT", actor="kishida", target="yoon")
    b = report("e2", "a2", kind="CONSULT", actor="yoon", target="kishida")
    assert evidence(a, b, CTX) == 2 + 2 + 1
    assert (
        evidence(dataclasses.replace(a, event_type="ASSAULT"), dataclasses.replace(b, event_type="ASSAULT"), CTX)
        is None
    )


def test_a_meeting_is_told_by_its_town_and_names_as_an_attack_is():
    a = report("e1", "a1", kind="CONSULT", actor="kishida", target="yoon", place="nairobi")
    b = report("e2", "a2", kind="CONSULT", actor_text="their", place="nairobi")  # "at their meeting in Nairobi"
    assert evidence(a, b, CTX) == 2 + 1
    assert evidence(dataclasses.replace(a, event_type="ACCUSE"), dataclasses.replace(b, event_type="ACCUSE"), CTX) == 0


def test_a_town_and_a_state_it_is_not_in_conflict():
    ctx = dataclasses.replace(
        CTX,
        country={**CTX.country, "tulsa": "US", "new jersey": "US", "oklahoma": "US"},
        region={"tulsa": "US-OK", "new jersey": "US-NJ", "oklahoma": "US-OK"},
    )
    tulsa = report("e1", "x1", kind="ASSAULT", place="tulsa")
    assert evidence(tulsa, report("e2", "x2", kind="ASSAULT", place="new jersey"), ctx) is None
    assert evidence(tulsa, report("e2", "x2", kind="ASSAULT", place="oklahoma"), ctx) == 1  # one country


def test_an_organisation_named_for_its_country_acts_for_it():
    entities = {
        "us": {
            "canonical_name": "United States",
            "entity_type": "GPE",
            "feature_class": "country",
            "country_code": "US",
        },
        "treasury": {"canonical_name": "US Treasury", "entity_type": "ORG"},
        "doctors": {"canonical_name": "Doctors Without Borders", "entity_type": "ORG"},
        "american": {"canonical_name": "American", "entity_type": "NORP", "country_entity_id": "us"},
    }
    nation = standing_for(entities, {"us": ("United States", "GPE")})
    assert nation == {"us": "us", "treasury": "us", "american": "us"}
    ctx = dataclasses.replace(CTX, nation=nation)
    a = report("e1", "x1", kind="SANCTION", actor="treasury", target_text="six companies")
    b = report("e2", "x2", kind="SANCTION", actor="us", target_text="companies")
    assert evidence(a, b, ctx) == 2 + 1


# Blocking (scored_pairs): the pairs found through shared keys are those of comparing every two reports of a type.
_ENTITIES = ["russia", "russian", "police", "ruto", "army", "kenya", "nairobi"]
_WORDS = ["police", "riot police", "officers", "the army", "Ruto", "protesters", None, None, None]


@st.composite
def _world(draw):
    articles = [f"a{i}" for i in range(draw(st.integers(2, 5)))]
    places = st.sampled_from([None, "nairobi", "mombasa", "lima", "kenya", "peru", "russia"])
    reports = [
        report(
            f"e{i}",
            draw(st.sampled_from(articles)),
            kind=draw(st.sampled_from(["PROTEST", "CONSULT", "ACCUSE", "AID"])),
            day=date(2024, 3, draw(st.integers(11, 13))),
            actor=draw(st.sampled_from([None, None, *_ENTITIES])),
            actor_text=draw(st.sampled_from(_WORDS)),
            target=draw(st.sampled_from([None, None, *_ENTITIES])),
            target_text=draw(st.sampled_from(_WORDS)),
            place=draw(places),
        )
        for i in range(draw(st.integers(2, 9)))
    ]
    names = st.frozensets(st.sampled_from(["nairobi", "mombasa", "lima", "ruto", "police", "army"]), max_size=2)
    ctx = dataclasses.replace(
        CTX,
        named={a: draw(names) for a in articles},
        article_towns={
            a: draw(st.frozensets(st.sampled_from(["nairobi", "mombasa", "lima"]), max_size=2)) for a in articles
        },
        widespread=draw(st.frozensets(st.sampled_from(_ENTITIES), max_size=2)),
        places=frozenset({"nairobi", "mombasa", "lima", "kenya", "peru", "russia"}),
        region={"nairobi": "KE-30", "mombasa": "KE-19"},
    )
    settled_ = [settled(r, ctx) for r in reports]
    split = draw(st.integers(0, len(settled_)))
    lake = [dataclasses.replace(r, cluster_id=f"c{r.event_id}") for r in settled_[:split]]
    return settled_[split:], lake, ctx


@settings(max_examples=1000, deadline=None)
@given(_world())
def test_blocking_finds_the_pairs_of_comparing_every_two(world):
    night, lake, ctx = world
    every = []
    for a in night:
        for b in [r for r in lake + night if r.event_type == a.event_type]:
            weight = evidence(a, b, ctx) if b.article_id != a.article_id else None
            if (weight or 0) >= ENOUGH:
                every.append((weight, a.event_id, b.cluster_id or b.event_id))
    assert scored_pairs(night, lake, ctx) == every


def test_blocking_finds_a_meeting_whose_widespread_sides_are_named_in_the_other_order():
    # Each side counts 1 (widespread), together 2: found only through the pair of them, in either order.
    ctx = dataclasses.replace(CTX, named={}, article_towns={}, widespread=frozenset({"ruto", "army"}))
    a = report("e1", "a1", kind="CONSULT", actor="ruto", target="army")
    b = report("e2", "a2", kind="CONSULT", actor="army", target="ruto")
    assert evidence(a, b, ctx) == 2
    assert [(w, x, y) for w, x, y in scored_pairs([a, b], [], ctx)] == [(2, "e1", "e2"), (2, "e2", "e1")]
