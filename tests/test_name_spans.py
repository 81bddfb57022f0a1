"""Which part of a model's entity span is a name: headlines, epithets, state labels, title portfolios and words
capitalised only by their place. Real model output on short articles written for the case."""

from __future__ import annotations

import pytest

from nightdesk.transform.nlp import load_nlp
from nightdesk.transform.text.names import first_name_gender


def _mentions(text: str) -> dict[str, tuple[str, str]]:
    """surface → (canonical name, label) of every mention the pipeline keeps."""
    return {m.text: (m.canonical, m.label) for m in load_nlp()(text)._.nd_mentions if m.canonical}


def test_a_headline_keeps_only_the_names_its_article_uses():
    text = (
        "Clinton Hid Past Health Problems From Public, Former White House Doctor Says.\n\n"
        "Hillary Clinton spoke in Ohio on Tuesday. Clinton said she was healthy, and Donald Trump disagreed."
    )
    got = _mentions(text)
    assert not [s for s in got if "Hid" in s or "Health" in s], got
    assert got.get("Clinton") == ("Hillary Clinton", "PERSON")


def test_a_headline_verb_before_a_full_name_is_not_part_of_it():
    text = (
        "Black Lawmakers Rip Donald Trump As A Disgusting Fraud.\n\n"
        "WASHINGTON - Donald Trump spoke on Monday. Trump said the lawmakers were wrong."
    )
    names = {canonical for canonical, _ in _mentions(text).values()}
    assert "Donald Trump" in names
    assert not [n for n in names if n.startswith("Rip")], names


def test_a_body_sentence_full_of_names_is_no_headline():
    text = "The Senate Foreign Relations Committee met on Monday. The Senate later voted on the treaty."
    names = {canonical for canonical, _ in _mentions(text).values()}
    assert "Senate Foreign Relations Committee" in names, names


def test_an_epithet_before_a_name_the_article_uses_is_dropped_but_a_first_name_is_not():
    text = (
        "Hillary Clinton campaigned in Iowa. Mr. Trump called her Crooked Hillary Clinton at a rally. "
        "Enrique Peña Nieto met him later. Peña Nieto said the meeting went well."
    )
    got = _mentions(text)
    assert not [s for s in got if s.startswith("Crooked")], got
    assert got.get("Enrique Peña Nieto", ("", ""))[0] == "Enrique Peña Nieto"


def test_a_state_in_parentheses_after_a_senator_is_a_label():
    text = "Sen. Ted Cruz (Tex.) and Sen. Bernie Sanders (Vt.) spoke. Cruz left early; Sanders stayed in Texas."
    got = _mentions(text)
    assert "Tex." not in got and "Vt." not in got, got
    assert got["Texas"][0] == "Texas"


def test_a_title_portfolio_is_no_name_but_the_house_of_its_speaker_is():
    text = (
        "Home Secretary Suella Braverman met Shadow Home Secretary Yvette Cooper. "
        "House Speaker Paul Ryan said the House would vote."
    )
    got = _mentions(text)
    assert "Home" not in got and "Shadow Home" not in got, got
    assert got["House"] == ("House of Representatives", "ORG")


def test_a_word_capitalised_by_its_place_and_written_lower_case_elsewhere_is_no_name():
    text = (
        "Patriot Coal sold the mine. The price of coal fell, and coal towns suffered. "
        "Coal isn't the villain, Patriot Coal said. Trump visited. Trump spoke about coal."
    )
    got = _mentions(text)
    assert "Coal" not in got, got
    assert got["Patriot Coal"] == ("Patriot Coal", "ORG")  # no first name, ends with a word written in lower case
    assert "Trump" in got


def test_a_plural_surname_is_the_family_not_one_of_them():
    text = "Hillary Clinton spoke. The voters have been loyal to the Clintons for years, Clinton said."
    got = _mentions(text)
    assert got.get("Clintons", ("",))[0] != "Hillary Clinton"
    assert got["Clinton"][0] == "Hillary Clinton"


@pytest.mark.parametrize(
    ("word", "gender"),
    [("Hillary", "female"), ("Joseph", "male"), ("Crooked", None), ("Patriot", None), ("R.", None)],
)
def test_first_names_come_from_the_packaged_list(word, gender):
    assert first_name_gender(word) == gender


def test_an_organisation_with_a_title_and_what_it_is_for_names_an_office():
    got = _mentions('The decision came after the United Nations High Commissioner for Refugees "recommended it."')
    assert got["the United Nations High Commissioner for Refugees"] == (
        "United Nations High Commissioner for Refugees",
        "ORG",
    )
    # Followed by a person it is the person's title; the organisation stays, and "State" is no entity.
    got = _mentions("UN Secretary-General Antonio Guterres met Republican Secretary of State Jon Husted.")
    assert got["UN"] == ("United Nations", "ORG")
    assert "State" not in got and got["Jon Husted"] == ("Jon Husted", "PERSON")


def test_two_phrases_fused_by_a_missing_comma_keep_only_the_name():
    got = _mentions("According to Rathbun the Scientology property was sold. The Church of Scientology denied it.")
    assert "Rathbun the Scientology" not in got and got["Scientology"][0] == "Church of Scientology"
    assert "University of the Arts" in {c for c, _ in _mentions("She taught at the University of the Arts.").values()}


def test_a_name_tagged_from_its_middle_initial_keeps_its_first_name():
    found = _mentions("Secretary of State Antony J. Blinken met Foreign Minister Wang Yi in Beijing on Friday.")
    assert "Antony J. Blinken" in found and "J. Blinken" not in found
