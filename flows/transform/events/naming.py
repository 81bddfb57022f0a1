"""Evaluations that are accusations or praise: "Democrats called the contempt citation a transparent political
ploy", "Pepper called Friday's decision a huge win", "described the attack as a notable act of terrorism".

The verb (seeds/event_words.csv role `naming`: call, describe, label, ...) says nothing by itself; what it calls
its object does. The predicate's words are looked up in VADER's lexicon (the `vaderSentiment` package ships it,
7,500 words rated -4..+4 by people): a strongly negative word makes the naming an ACCUSE, a strongly positive one
a SUPPORT, and a predicate with neither is no event ("called the holiday Eid al-Adha").
"""

from __future__ import annotations

from spacy.tokens import Token

from nightdesk.transform.events.triggers import trigger_of
from nightdesk.transform.events.vocabulary import words
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.syntax import ACTOR_LABELS
from nightdesk.transform.tone import analyzer

_NEGATIVE, _POSITIVE = -1.5, 2.0  # lexicon valence a predicate word needs (dangerous -2.1, win 2.8; hoax -1.1 is weak)


def _lexicon() -> dict[str, float]:
    return analyzer().lexicon


def _predicate(tok: Token, rules: RuleSet) -> list[Token]:
    """What the verb calls its object: "called X [a ploy]", "called [X dangerous]", "described X [as a coup]".
    Calling something "an attempt to ..." or "an effort to ..." (seeds/event_words.csv role `event_head`) guesses
    at its aim: the aim's words do not rate it ("described the attack as an attempt to ... make Iraq live in
    turmoil": reported speculation, which the whole-article gold leaves optional)."""
    found = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr")]
    found += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    if not found:  # the small model parses "called the sentence dangerous" as an adjective on the object
        found = [g for c in tok.children if c.dep_ == "dobj" for g in c.children if g.dep_ in ("amod", "acomp")]
    aims = words(rules)["event_head"]
    return [t for p in found for t in p.subtree if p.lemma_.lower() not in aims or not _in_clause(t, p)]


def _in_clause(tok: Token, top: Token) -> bool:
    while tok.i != top.i:
        if tok.dep_ in ("acl", "relcl", "advcl"):
            return True
        tok = tok.head
    return False


def _judged(obj: Token, rules: RuleSet) -> bool:
    """Can the object be accused or praised: a person, group or country, an act or a decision (not "the holiday")?"""
    return (
        obj.ent_type_ in ACTOR_LABELS
        or obj.lower_ in ("him", "her", "them", "it", "this", "that")
        or obj.lemma_.lower() in words(rules)["human"] | words(rules)["idea"]
        or trigger_of(obj, rules) is not None
    )


def names_something(tok: Token) -> bool:
    """Does the verb call its object something ("called him a charlatan"), rather than call for or on someone?"""
    return any(c.dep_ in ("oprd", "attr") for c in tok.children)


def evaluation(tok: Token, rules: RuleSet) -> str | None:
    """ACCUSE, SUPPORT or None for a naming verb, by the strongest rated word of what it calls its object."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(_judged(o, rules) for o in objects):
        return None
    rated = [_lexicon().get(t.lower_) for t in _predicate(tok, rules)]
    values = [v for v in rated if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    if low <= _NEGATIVE and -low >= high:
        return "ACCUSE"
    if high >= _POSITIVE and high > -low:
        return "SUPPORT"
    return None
