"""Event words that report no act, evaluations that do, and where reports join: each rule on a real parse.

The sentences are shaped on errors read in whole articles (tests/data/event_gold); the whole-article score is
`nightdesk eval events tests/data/event_gold`.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nightdesk.transform.nlp import load_nlp
from nightdesk.transform.rows import event_rows


def types_of(text):
    return [(e.event_type, e.trigger) for e in load_nlp()(text)._.nd_events]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Rebels released three prisoners on Monday.", [("CONCEDE", "released")]),
        ("The studio released the clip on Tuesday.", []),
        ("Finland gave Tanzania $64 million in aid.", [("AID", "gave")]),
        ("Twitter gave Mohamed the option to come for an internship.", []),
        ("The council asked the army to leave the city.", [("REQUEST", "asked")]),
        ("Graham asked whether anybody knew the platform.", []),
        ("Co-founder of Google, Sergey Brin, met with Mohamed.", [("CONSULT", "met")]),
        ("The plan is the main tool to meet the target.", []),
        ("His attorney offered a closed session, but Chaffetz declined.", [("REJECT", "declined")]),
        ("The approval rating has declined slightly.", []),
    ],
)
def test_what_a_trigger_object_must_be(text, want):
    assert types_of(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Trump said during a rally in Ohio that he would win.",  # the setting of a speech, not a protest
        "If it sells, he will promote it, even if it kills us.",  # a condition
        "The policy appears to be helping Republicans.",  # a policy does not aid
        "Traffic lines backed up into the street.",  # another verb with its particle
        "He knew this hatred and foul talk were wrong.",  # a singular talk about nothing
        "Trump didn't apologize for his past statements.",  # not done is not refused
        "Through a spokesman, he declined to comment.",  # a courtesy, not a refusal
        "Neither Clinton nor her allies have been charged with any crime.",
        "The studio shot the new scene on Tuesday.",  # a made thing
        "The veteran shot himself in the parking lot.",  # no one else acted on
        "Defense cooperation may be among the least divisive projects.",  # cooperation in general
        "Mr. Sadr, whose fighters fought with US forces during the US-led invasion, won seats.",  # an era: background
        "Clinton called Alicia Machado on Friday to express gratitude.",  # a phone call, not a call for anything
        "But has he called for changing any of the provisions that benefit him?",  # a yes/no question
        "Politifact seized on Trump's claim about Chicago.",  # took up a claim
        "Wells Fargo fired 5,300 employees over the scheme.",  # a dismissal, no weapon
        "The council failed because of its veto-wielding members.",  # half of a modifier
        "Mrs. Clinton has held rallies before largely black crowds in Cleveland.",  # a campaign's rally
        "The Charter has an article that allows for sanctions.",  # no actor allows
        "A Curious Plan to Fight Climate Change: Buy Mines, Sell Coal.",  # a cause, not a fight
        "The Panthers are set to host the Minnesota Vikings for a football game.",  # sport
        "In 1986, the Supreme Court blocked a company from abandoning its plants.",  # no road blocked
        "Trump backed off some of his initial proposals.",  # another verb
        "Trump avoids condemning the annexation.",  # not done
        "Companies and individuals complain bitterly that taxes are too high.",  # what such people do
        "An attorney for Mills did not immediately respond to requests for comment.",  # the reporter's request
        "Clinton was supported by 42 percent of those responding.",  # a poll
        "Such agreements sometimes include language on testimony.",  # a kind of agreement, not one
    ],
)
def test_words_that_report_no_act(text):
    assert types_of(text) == []


def test_an_actor_allows_also_through_a_complement():
    text = "The Supreme Court decided to allow candidate Alassane Ouattara to participate in the elections."
    assert ("AGREE", "allow") in types_of(text)  # a decision to allow: announced, so AGREE
    assert ("CONCEDE", "allowed") in types_of("The army opened the bridge and allowed the delivery of grain.")


def test_a_call_on_someone_and_a_wh_question_still_report():
    assert types_of("In June, the senator called on fellow Republicans to unendorse Trump.") == [("REQUEST", "called")]
    assert ("ASSAULT", "attacked") in types_of("Who attacked the embassy on Sunday?")


def test_a_time_in_a_clause_on_another_noun_is_not_the_acts():
    found = load_nlp()("Kerry urged North Korea to resume talks it abandoned in 2009.")._.nd_events
    assert [(e.trigger, e.date_text) for e in found] == [("urged", None), ("talks", "2009")]
    found = load_nlp()("The city lifted a midnight curfew it put in place Thursday.")._.nd_events
    assert [(e.trigger, e.date_text) for e in found] == [("lifted", None), ("curfew", "Thursday")]


def test_a_refusal_and_an_announced_act():
    assert types_of("We will not accept the offer.") == [("REJECT", "accept")]
    assert types_of("Negotiators return to Geneva this week for talk on limiting missiles.") == [("CONSULT", "talk")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Pepper called Friday's decision a huge win for Ohio voters.", "SUPPORT"),
        ("The senator called the decision dangerous and reckless.", "ACCUSE"),
        ("Price called the attack a notable act of terrorism.", "ACCUSE"),
        ("Obama called the holiday a celebration of faith.", None),  # a holiday is neither accused nor praised
        # a guess at the attack's aim: the aim's words do not rate it
        ("Sadr described the attack as an attempt to make Iraq live in turmoil and terrorism.", None),
    ],
)
def test_calling_something_good_or_bad_is_praise_or_accusation(text, want):
    found = [t for t, trigger in types_of(text) if trigger == "called"]
    assert found == ([want] if want else [])


def test_attacking_someone_for_something_is_an_accusation():
    assert types_of("During a speech, Trump attacked Clinton for her support of military action.") == [
        ("ACCUSE", "attacked")
    ]


def test_a_poll_share_is_no_support_but_a_threat_with_a_percentage_is_a_threat():
    assert types_of("Clinton got 42 percent, while Trump received 38 percent support.") == []
    text = "The minister argues there is little point to respond to Mr. Trump's threats to slap a 35 percent tariff."
    assert types_of(text) == [("THREATEN", "threats")]


def test_fighting_a_named_group_is_a_fight():
    assert types_of("A Saudi-led coalition is battling ethnic Houthi insurgents in Yemen.") == [("ASSAULT", "battling")]
    assert types_of("Young Algerians blocked roads leading to the city centre.") == [("PROTEST", "blocked")]


def test_one_person_attacking_a_thing_is_an_accusation():
    assert types_of("Mr. Trump has attacked loopholes that benefit others.") == [("ACCUSE", "attacked")]
    assert types_of("Gunmen attacked the embassy on Sunday.") == [("ASSAULT", "attacked")]


def test_a_magazine_attacks_with_words():
    assert ("ACCUSE", "attacked") in types_of(
        "Freedom Magazine, which attacked high-ranking defectors, is published monthly."
    )


def test_a_headline_is_told_again_by_the_body():
    text = (
        "Lawmaker urges retaliation on Russia\n\n"
        "Rep. Adam Schiff, the top Democrat on the House Intelligence Committee, called on President Obama to "
        "retaliate against Russia for interference in the presidential election."
    )
    rows, mentions = event_rows("a1", load_nlp()(text), datetime(2016, 9, 8))
    [request] = [r for r in rows if r["event_type"] == "REQUEST"]
    assert request["num_mentions"] == 2
    assert {m["trigger"] for m in mentions if m["event_id"] == request["event_id"]} == {"urges", "called"}


def test_a_time_phrase_takes_its_weekday_and_the_sentence_before_gives_context():
    text = "Late Sunday night, the city lifted the curfew."
    [row] = [r for r in event_rows("a", load_nlp()(text), datetime(2016, 9, 26))[0] if r["event_type"] == "CONCEDE"]
    assert row["event_date"].isoformat() == "2016-09-25" and row["date_source"] == "text"
    text = "Mohamed brought the clock to school on September 14. Police arrested the student."
    [row] = [r for r in event_rows("b", load_nlp()(text), datetime(2015, 9, 22))[0] if r["event_type"] == "COERCE"]
    assert row["event_date"].isoformat() == "2015-09-14" and row["date_source"] == "context"


def test_a_pronoun_actor_reaches_a_surname_the_model_tagged_as_an_organisation():
    text = (
        "Retired U.S. Air Force Gen. Norman Ham is speaking out about Obama. Looking ahead to the future of the "
        "armed forces and the nation, Ham explained why he backs Trump over Democratic nominee Hillary Clinton."
    )
    [backs] = load_nlp()(text)._.nd_events
    start, end = backs.actor.ref
    assert backs.actor.text == "he" and text[start:end] == "Ham"


def test_a_reported_obligation_is_a_demand_only_of_someone():
    assert types_of("Russia said on Tuesday that Sudan must return the helicopter.") == [("REQUEST", "return")]
    assert types_of("He said that the discussion should wait until after the election.") == []


def test_the_owner_of_an_assassination_is_its_victim():
    (event,) = load_nlp()("He spoke about Kennedy's assassination in 1963.")._.nd_events
    assert event.actor is None and event.target.text.startswith("Kennedy")


def test_former_members_are_not_the_group():
    text = "Since then, Montalvo has been assisted by former members of Scientology who run a website."
    (event,) = load_nlp()(text)._.nd_events
    assert event.actor.text == "former members of Scientology" and event.actor.ref is None


def test_a_finite_verb_joined_to_an_infinitive_keeps_its_subject_and_time():
    text = (
        "The militia called the attacks an attempt to divert attention from the clash on Friday and blamed "
        "foreign intelligence agencies."
    )
    (event,) = [e for e in load_nlp()(text)._.nd_events if e.trigger == "blamed"]
    assert event.actor.text == "The militia" and event.date_text is None
