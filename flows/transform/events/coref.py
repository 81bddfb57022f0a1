"""One event per happening within an article: reports of the same happening become one event with all its mentions.

A definite reference ("the attack" after an attack was reported) is attached where it is found (events.py). Here,
events of a kind that happens in the world (an attack, a protest, an arrest, a sanction, ...) join an earlier event
of the same type and status when nothing they say conflicts (a different mode, a different day, actors or targets
with no word in common, places in different countries) and something agrees (the same mode, day, place, or a
shared word of actor or target): "survived a drone strike on his home early Sunday", "three armed drones targeted
the prime minister's house" and a caption's "drone strike Sunday" are one attack. Speech acts (accusations,
requests, praise) join only by a definite reference: two accusations by one person are usually two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from nightdesk.transform.events.details import When
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.doccache import text as text_of

# Types whose reports name a happening in the world rather than a statement.
HAPPENINGS = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "SANCTION", "RETREAT", "AID"}
_STOP = {"the", "a", "an", "of", "and", "his", "her", "its", "their", "s", "in", "on", "at", "to", "for", "by"}


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z’']+", (text or "").lower()) if w not in _STOP and len(w) > 2}


def _stem(word: str) -> str:
    return re.sub(r"(?:['’]s?|s)$", "", word)


def phrases_agree(a: str | None, b: str | None) -> bool | None:
    """True when two phrases share a word, False when both are there and share none, None when one is missing. A
    plural or possessive still shares its word ("the prime ministers’ house"); "Iraqi" does not share "Iraq"."""
    if not a or not b:
        return None
    return bool(phrase_words(a) & phrase_words(b))


@lru_cache(maxsize=1 << 16)
def phrase_words(text: str | None) -> frozenset[str]:
    """The words two phrases must share to agree (phrases_agree), as stems (cached: the load's clusters compare each
    phrase with many)."""
    return frozenset(_stem(w) for w in _words(text))


def _participants_agree(a, b) -> bool | None:
    """Phrases (syntax.Phrase) for one role: a shared word agrees; only two names that share none conflict ("Mr
    al-Kadhimi" and "the Iraqi prime minister" may be one person)."""
    found = phrases_agree(a.text if a else None, b.text if b else None)
    if found is False and (a.ref is None or b.ref is None):
        return None
    return found


def _compare(a, b, when_a: When | None, when_b: When | None, same_paragraph: bool = False) -> tuple[bool, int]:
    """(whether anything the two reports say conflicts, how many things agree). Events are transform.events.Event."""
    checks: list[bool | None] = [
        None if not (a.mode and b.mode) else a.mode == b.mode,
        None
        if not (when_a and when_b and when_a.precision == when_b.precision == "day")
        or ((a.date_from_context or b.date_from_context) and (b.definite or not same_paragraph))
        else when_a.day == when_b.day,  # (a date carried from the sentence before: only for a new report nearby)
        _participants_agree(a.actor, b.actor),
        _participants_agree(a.target, b.target),
    ]
    place_a, place_b = (a.location.text if a.location else None), (b.location.text if b.location else None)
    if place_a and place_b:
        countries = {gazetteer.country_code_of(place_a), gazetteer.country_code_of(place_b)} - {None}
        checks.append(False if len(countries) > 1 else (True if place_a == place_b else None))
    return False in checks, checks.count(True)


def headline_end(text: str) -> int:
    """Where the article's leading short lines end (title, subtitle, date line: at most three, each under 16
    words); 0 when it opens with body text."""
    end = 0
    for n, line in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text)):
        if n >= 3 or len(line.group().split()) >= 16:
            break
        end = line.end()
    return end


RECENT_DAYS = 7  # a headline tells what happened in the week before it was published
_SPAN_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


def _news(when: When | None, published) -> bool:
    """Could a body report be the headline's news? Not one the text dates weeks or months before the article
    ("have attacked US forces since October")."""
    if when is None or published is None:
        return True
    return (published.date() - when.day).days - _SPAN_DAYS.get(when.precision, 1) < RECENT_DAYS


def corefer(events: Sequence, whens: Sequence[When | None], text: str = "", published=None) -> list[list[int]]:
    """Groups of event indexes (in text order) that report one happening; each group's first event is its first
    report, against which later reports are compared. A definite reference ("the attack") joins the earlier group
    of its type that agrees most and conflicts in nothing (on a tie the story's first such event, then one reported
    with the same word, then the latest); another report joins such a group of a happening type only with one
    thing in agreement or the same trigger word. A headline's event is told again by the body: the first body
    report of its type joins it ("Lawmaker urges retaliation" and "Schiff called on President Obama to
    retaliate"), unless the text dates that report long before the article. A statement joins an earlier one of
    its type only when the same actor makes it with the same word or about the same target ("Schiff called on the
    administration" once more; the union that endorsed Clinton "called Clinton a champion")."""
    top = headline_end(text)
    groups: list[list[int]] = []
    for i, ev in enumerate(events):
        candidates = []
        lead = True  # the first group of the type: the story's own event, which "the attack" most often means
        for rank, group in enumerate(groups):
            first = events[group[0]]
            if first.event_type != ev.event_type or first.status != ev.status:
                continue
            same_paragraph = bool(text) and "\n" not in text[first.start_char : ev.start_char]
            conflict, agreeing = _compare(first, ev, whens[group[0]], whens[i], same_paragraph)
            same_word = (first.lemma or first.trigger.lower()) == (ev.lemma or ev.trigger.lower())
            from_headline = first.start_char < top <= ev.start_char
            if from_headline and not _news(whens[i], published):
                lead = False
                continue  # the headline's news is not what the body dates months before ("since October")
            retold = from_headline and all(events[j].start_char < top for j in group)
            same_speaker = any(
                (events[j].lemma == ev.lemma or _participants_agree(events[j].target, ev.target) is True)
                and events[j].actor
                and events[j].actor.ref
                and ev.actor
                and ev.actor.ref
                and _participants_agree(events[j].actor, ev.actor) is True
                for j in group
            )
            # "her support" after "received support from Obama": a statement's possessor is its own speaker
            referring = ev.definite and (
                ev.event_type in HAPPENINGS or ev.actor is None or _participants_agree(first.actor, ev.actor) is True
            )
            if not conflict and (
                referring or retold or same_speaker or (ev.event_type in HAPPENINGS and (agreeing or same_word))
            ):
                candidates.append((agreeing, lead, same_word, rank, group))
            lead = False
        if candidates:
            max(candidates, key=lambda c: c[:4])[4].append(i)
        else:
            groups.append([i])
    return groups


def headline_passive(doc, tok, kind: str | None) -> bool:
    """A headline drops "was": "Journalist detained at Caracas airport", "Five killed in Kabul blast" tell what was
    done to their subject (an arrest or an attack: the verbs of other acts are as often intransitive)."""
    return (
        kind in ("ASSAULT", "COERCE")
        and tok.tag_ in ("VBN", "VBD")
        and tok.idx < headline_end(text_of(doc))
        and not any(c.dep_ in ("dobj", "dative", "aux", "ccomp", "xcomp") for c in tok.children)
        and any(c.dep_ == "nsubj" for c in tok.children)
    )


# Within a sentence, before dates are known (transform/events.py asks these while it reads the parse).


def clause_event(tok: Token, kind: str, by_token: dict):
    """The event of a verb of the same type whose clause holds this event noun ("met with Mohamed during his visit")."""
    node = tok
    while node.head.i != node.i and node.dep_ not in ("ccomp", "advcl", "relcl", "xcomp"):
        node = node.head
        found = by_token.get(node.i)
        if found is not None and found.event_type == kind and node.pos_ in ("VERB", "AUX"):
            return found
    return None


def conjoined_event(tok: Token, kind: str, by_token: dict):
    """The event of the same type a subjectless coordinated verb continues, up its head chain (the parse often
    hangs "and blamed" on a verb inside the first clause)."""
    node = tok.head
    for _ in range(4):
        found = by_token.get(node.i)
        if found is not None:
            return found if found.event_type == kind else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def demonstrative(tok: Token) -> bool:
    heads = [tok, tok.head] if tok.dep_ == "conj" else [tok]  # "these attacks and threats"
    return any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for t in heads for c in t.children)


def repeated(tok: Token, rule, events: list):
    """ "the attack", "Sunday's attack", "these strikes" after an attack was reported: the latest such event."""
    definite = any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
        for c in tok.children
    )
    same = [e for e in events if e.event_type == rule.event_type] if definite else []
    return same[-1] if same else None
