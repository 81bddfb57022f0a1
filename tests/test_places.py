"""Places the small model's NER misses, added from the gazetteer where the model tagged nothing."""

from __future__ import annotations

from nightdesk.transform.entities.places import missed_places
from nightdesk.transform.nlp import load_nlp

LATER = ["nightdesk_places", "nightdesk_entities", "nightdesk_quotes", "nightdesk_events"]


def added(text):
    """What the component adds to the model's own entities."""
    return [s.text for s in missed_places(load_nlp()(text, disable=LATER))]


def test_a_known_town_after_a_word_of_place_is_added():
    assert added("A Russian missile struck the port of Odesa on Saturday.") == ["Odesa"]
    doc = load_nlp()("A Russian missile struck the port of Odesa on Saturday.")
    assert ("Odesa", "GPE") in [(e.text, e.label_) for e in doc.ents]  # the whole pipeline keeps it


def test_names_that_are_no_place_there_are_left_alone():
    # "of" only after a word of place: the model tags neither, the component only the port's
    assert added("A Russian missile struck the heart of Odesa on Saturday.") == ["Odesa"]
    friend = "A Russian missile struck the friend of Odesa on Saturday."
    assert added(friend) == [] and "Odesa" not in [e.text for e in load_nlp()(friend).ents]
    assert added("The report was sent to Kramatorsk officials.") == []  # "to" is no preposition of place here
    assert added("They met in Zzyzxville on Friday.") == []  # not in the gazetteer
    assert added("Shops were shut in Odesa Regional Council offices.") == []  # part of a longer name
    assert added("He was the voice of a hero in Batman: The Animated Series.") == []  # a title, not the Turkish town


def test_a_great_city_the_model_took_for_a_person_after_in_is_the_place():
    text = "Armenian police detained about 40 protesters in Yerevan on Friday during a rally against the border deal."
    doc = load_nlp()(text, disable=LATER)
    assert ("Yerevan", "PERSON") in [(e.text, e.label_) for e in doc.ents]  # what the model alone says
    assert ("Yerevan", "GPE") in [(e.text, e.label_) for e in load_nlp()(text).ents]
