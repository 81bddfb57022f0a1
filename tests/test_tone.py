"""Tone (VADER, as GDELT's): its sign on clear cases, the body only, and what a lexicon cannot see."""

from __future__ import annotations

import spacy

from nightdesk.transform.tone import article_tone, text_tone


def _doc(text: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_clear_praise_and_clear_condemnation_have_opposite_signs():
    assert text_tone("This is a great victory and a wonderful day for our families.") > 0.5
    assert text_tone("The attack killed twelve people and wounded dozens, a horrific crime.") < -0.5
    assert text_tone("The committee meets on Tuesday in Room 4.") == 0.0


def test_article_tone_is_the_mean_of_its_body_sentences_and_the_headline_is_not_counted():
    headline = "Terrible, horrible disaster strikes.\n\n"
    body = "The council approved the budget. Residents were happy and grateful."
    doc = _doc(headline + body)
    expected = (text_tone("The council approved the budget.") + text_tone("Residents were happy and grateful.")) / 2
    assert article_tone(doc, len(headline)) == round(expected, 4) > 0
    assert article_tone(doc, 0) < article_tone(doc, len(headline))  # the headline's words would drag it down
    assert article_tone(_doc("   "), 0) is None


def test_a_lexicon_counts_words_and_does_not_read():
    # Documented caveat: the same fact, told as a success by one side, scores negative for its words.
    assert text_tone("Our forces successfully destroyed the enemy's weapons depot.") < 0
