"""Pronoun speakers resolved as a reader would (flows/transform/pronouns.py), and the pronoun gold scorer."""

from __future__ import annotations

import pytest

from nightdesk.evaluate.pronouns import GoldError, PronounGold, normal_name, read_gold, score
from nightdesk.transform.nlp import load_nlp


def _speaker_of(text, fragment):
    doc = load_nlp()(text)
    (q,) = [q for q in doc._.nd_quotes if fragment in text[q.start : q.end]]
    return text[q.speaker_ref[0] : q.speaker_ref[1]] if q.speaker_ref else None


def test_a_pronoun_speaker_agrees_in_gender_and_follows_a_chain_of_the_same_pronoun():
    text = "Rachel Reeves met Keir Starmer on Monday. 'People are paying more for everything,' he said."
    assert _speaker_of(text, "paying more") == "Keir Starmer"
    text = "Rachel Reeves met Keir Starmer on Monday. He's claiming that the plan 'carries real risks for families.'"
    assert _speaker_of(text, "real risks") == "Keir Starmer"  # the pronoun of a contraction is the token "He"
    text = (
        "Hillary Clinton is describing as unhinged a tweet by Donald Trump. She says his temperament is dangerous.\n\n"
        "She says the tweets accusing Alicia Machado of having a record are lies.\n\n"
        "The candidate's response came in tweets Friday.\n\n"
        'She tweeted: "When something gets under his thin skin, he lashes out."'
    )
    assert _speaker_of(text, "thin skin") == "Hillary Clinton"


def test_a_title_says_the_gender_where_no_first_name_does():
    text = "Mrs. Clinton met Mr. Obama at the White House on Monday. 'We talked about the plan,' he said."
    assert _speaker_of(text, "talked about") == "Obama"


def test_the_articles_own_pronouns_outrank_the_first_name_list():
    # gender-guesser lists "Raila" as a woman's name; the article says "he" of him twice.
    text = (
        "Raila Odinga said he would not accept the result. Odinga told reporters he would go to court.\n\n"
        "Martha Karua spoke after the meeting in Nairobi.\n\n"
        "'We will not be intimidated by anyone,' he told reporters."
    )
    assert _speaker_of(text, "intimidated") == "Raila Odinga"


def test_sentences_inside_a_quotation_do_not_push_the_subject_out_of_reach():
    text = (
        "Hillary Clinton criticized police officer Betty Shelby for the shooting of an unarmed man.\n\n"
        "“How many times do we have to see this? In Tulsa, an unarmed man? I mean, this is unbearable. "
        "It needs to stop,” she said."
    )
    assert _speaker_of(text, "How many times") == "Hillary Clinton"


def test_a_surname_the_model_missed_is_still_the_person_and_a_block_quote_names_its_people():
    text = (
        "The reporter followed Donald Trump for a week. Trump responded to the crowd by talking about jobs.\n\n"
        "He said:\n\n“We are going to bring the factories back to this country.”"
    )
    assert _speaker_of(text, "factories") in ("Donald Trump", "Trump")
    text = (
        "The Post described a supporter at the rally:\n\n"
        '"Melanie Austin thought the whole thing was outrageous. She was anxious, sure. But not in need of help.\n\n'
        "“It never crossed my mind that I was losing it,” she said months later, and Barack Obama was on the TV."
    )
    assert _speaker_of(text, "crossed my mind") == "Melanie Austin"


def _lemmas(text):
    return tuple({"said": "say"}.get(w, w) for w in text.lower().split())


def test_pronoun_gold_scorer_pairs_quotes_like_the_quote_scorer_and_checks_the_person():
    relations = {
        "a": [
            {"content": "we will win the election", "content_spans": [[10, 34]], "source": "he", "cue": "said"},
            {"content": "the plan is dead", "content_spans": [[50, 66]], "source": "she", "cue": "said"},
            {"content": "taxes are too high", "content_spans": [[80, 98]], "source": "he", "cue": "believes"},
        ]
    }
    gold = [
        PronounGold("a", 10, "he", ("Donald Trump",)),
        PronounGold("a", 50, "she", ("Hillary Clinton", "Clinton")),
    ]
    system = {
        "a": [
            {"content": "the plan is dead", "speaker_name": "Clinton", "speaker_text": "she"},
            {"content": "We will win the election!", "speaker_name": "Mr. Barack Obama", "speaker_text": "he"},
        ]
    }
    s = score(system, relations, gold, _lemmas)
    assert (s.gold, s.found, s.right) == (2, 2, 1) and s.accuracy == 0.5
    assert "Barack Obama" in s.errors[0]
    system["a"][1]["speaker_name"] = "Donald Trump’s"
    assert score(system, relations, gold, _lemmas).right == 2
    del system["a"][0]
    s = score(system, relations, gold, _lemmas)
    assert (s.found, s.right, s.accuracy_all) == (1, 1, 0.5) and s.errors[0].startswith("not found")
    with pytest.raises(GoldError, match="no speech relation"):
        score(system, relations, [PronounGold("a", 80, "he", ("X",))], _lemmas)


def test_pronoun_gold_file_reads_and_names_its_bad_lines(tmp_path):
    assert normal_name("Mr. Obama's") == "obama" and normal_name("Sen.  Ted Cruz") == "ted cruz"
    path = tmp_path / "g.tsv"
    path.write_text("source_id\tcontent_start\tpronoun\tcue\tspeaker\nd\t12\tHe\tsaid\tA B|B\n", encoding="utf-8")
    assert read_gold(path) == [PronounGold("d", 12, "he", ("A B", "B"))]
    path.write_text("source_id\tcontent_start\tpronoun\tcue\tspeaker\nd\tx\the\tsaid\tA\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"g.tsv:2: content_start 'x'"):
        read_gold(path)


def test_a_bare_surname_the_model_did_not_tag_is_the_person_named_last_before_it():
    import spacy

    import nightdesk.transform.entities.component  # noqa: F401  (registers doc._.nd_mentions)
    from nightdesk.transform.entities.component import Mention
    from nightdesk.transform.text.pronouns import surname_ref

    text = "Tom Ebeling spoke first. Betsy Ebeling spoke next. Ebeling said it was over. Smith left."
    doc = spacy.blank("en")(text)
    doc._.nd_mentions = [
        Mention(0, 11, "Tom Ebeling", "PERSON", "Tom Ebeling"),
        Mention(25, 38, "Betsy Ebeling", "PERSON", "Betsy Ebeling"),
    ]
    assert surname_ref(doc, "Ebeling", text.index("Ebeling said")) == (25, 38)  # the one named last before
    assert surname_ref(doc, "Ebeling", 0) == (0, 11)  # none before: the first
    assert surname_ref(doc, "Smith", text.index("Smith")) is None  # nobody of that name in full
