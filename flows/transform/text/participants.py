"""Participants of events: the noun phrase of an actor, target or place, and the entity it refers to (its own
name, a pronoun's antecedent, or the one person the article gives the phrase's title)."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import ents
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.names import titles
from nightdesk.transform.text.pronouns import antecedent
from nightdesk.transform.text.syntax import ACTOR_LABELS, PLACE_LABELS, Phrase, own_tokens

# "Iran-backed", "US-led", "Kabul-based": the name before it is the group's backer, leader or seat.
_AFFILIATION = re.compile(r"[-‐–](?:backed|led|based|allied|linked|aligned|funded|supported|sponsored|affiliated)\b")


def participant_span(doc: Doc, head: Token, marked, rules: RuleSet) -> Phrase:
    """(text, start, end, entity mention) for a participant noun phrase; pronouns resolve to a person."""
    if head.lower_ in ("he", "she", "him", "her", "his"):
        return Phrase(head.text, head.idx, head.idx + len(head), antecedent(doc, head.idx, marked, rules))
    if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
        head = head.head.head
    named = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if named is not None and head.ent_type_ != "PERSON":
        head = named  # "Co-founder of Google, Sergey Brin, met ...": the person, not the title
    toks = own_tokens(head)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    inside = [
        e for e in ents(doc) if e.start_char >= start and e.end_char <= end and e.label_ in ACTOR_LABELS + PLACE_LABELS
    ]
    backers = [e for e in inside if _AFFILIATION.match(text_of(doc), e.end_char)]
    inside = [e for e in inside if e not in backers]  # "Leaders of Iran-backed militias" are not Iran
    covering = [e for e in inside if e.start <= head.i < e.end]
    # The entity the phrase is about: the one its head belongs to, else the person its title names
    # ("the Iraqi prime minister"), else a modifier ("Iraqi security forces" → Iraqi).
    best = covering[0] if covering else None
    ref = (best.start_char, best.end_char) if best is not None else role_ref(doc, toks, rules)
    former = any(c.dep_ == "amod" and c.lower_ in ("former", "ex") for c in head.children)
    if ref is None and inside and not former:  # "former members of Scientology" are not the Church
        ref = (inside[-1].start_char, inside[-1].end_char)
    return Phrase(text_of(doc)[start:end], start, end, ref, backers[0].text if backers else None)


@cache
def _title_keys(rules: RuleSet) -> frozenset[str]:
    return frozenset(t.lower() for t in titles(rules, "title"))


def role_ref(doc: Doc, toks: list[Token], rules: RuleSet) -> tuple[int, int] | None:
    """ "The Iraqi prime minister" → the one person the article names with that title ("Prime Minister X")."""
    words = [t.lower_ for t in toks if t.pos_ in ("NOUN", "PROPN")]
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        role = " ".join(words[-n:])
        if role not in _title_keys(rules):
            continue
        people = set()
        for ent in ents(doc):
            if ent.label_ != "PERSON":
                continue
            before = doc[max(ent.start - n, 0) : ent.start].text.lower().replace(".", "")
            if before == role:
                people.add((ent.text.lower(), ent.start_char, ent.end_char))
        names = {p[0] for p in people}
        if len(names) == 1:
            first = min(people, key=lambda p: p[1])
            return first[1], first[2]
    return None


def in_dateline(doc: Doc, tok: Token) -> bool:
    """Is the token in a wire dateline ("NAIROBI, Kenya (AP) —"): capitals opening a paragraph, before a dash?"""
    text = text_of(doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    dash = re.search(r"\s[—–-]{1,2}\s|\s--", text[start : start + 80])
    if dash is None or tok.idx >= start + dash.start():
        return False
    first = text[start:].split(",", 1)[0].split()[:3]
    return bool(first) and all(w.isupper() and len(w) > 1 for w in first if w[:1].isalpha())
