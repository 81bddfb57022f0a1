"""The short-name draw and score (flows/evaluate/short_names.py), without a night."""

from __future__ import annotations

from nightdesk.evaluate.short_names import ambiguous, same_person


def test_a_surname_two_full_names_end_with_is_drawn_and_one_only_one_fits_is_not():
    rows = [  # (article, start, end, surface, entity's name, source id)
        ("a", 0, 15, "Hillary Clinton", "Hillary Clinton", "s1"),
        ("a", 20, 32, "Bill Clinton", "Bill Clinton", "s1"),
        ("a", 40, 47, "Clinton", "Hillary Clinton", "s1"),
        ("b", 0, 13, "Jeb Bush", "Jeb Bush", "s2"),
        ("b", 20, 24, "Bush", "Jeb Bush", "s2"),
        ("c", 0, 7, "Clinton", "Clinton", "s3"),  # named nowhere in full: the night's commonest alone, not drawn
    ]
    found = {x["key"]: x["candidates"] for x in ambiguous(rows)}
    assert found == {"a:40:47": ["Bill Clinton", "Hillary Clinton"]}


def test_the_same_person_by_first_and_last_name():
    assert same_person("Hillary Rodham Clinton", "Hillary Clinton")
    assert not same_person("Bill Clinton", "Hillary Clinton")
    assert not same_person("Clinton", "Hillary Clinton") and not same_person(None, "Hillary Clinton")
