"""When an event happened, as the text says it: the time adjunct of its trigger, else the time of the sentence
before it in the same paragraph (a "context" date). Resolving the words to a day is event_details.resolve_date.

The small English model often tags only part of a time phrase ("night" of "Late Sunday night") and misses bare
weekdays, so a time entity takes in the weekday and the early/late/last/next words before it, and a weekday the
model did not tag is a time phrase of its own.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from nightdesk.transform.events.details import WEEKDAYS
from nightdesk.transform.text.doccache import ents, sent_of, sents
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.syntax import finite_head

_LEAD = set(WEEKDAYS) | {"early", "late", "last", "next", "this", "on"}
_ADVERBIAL = ("npadvmod", "pobj", "advmod", "tmod", "nsubj", "ROOT", "appos")


def _time_phrases(doc: Doc, sent: Span) -> list[Span]:
    found = []
    covered: set[int] = set()
    for e in ents(doc):
        if e.label_ not in ("DATE", "TIME") or not sent.start <= e.start < sent.end:
            continue
        start = e.start
        while start > sent.start and doc[start - 1].lower_ in _LEAD:
            start -= 1
        if doc[start].lower_ == "on":
            start += 1
        found.append(doc[start : e.end])
        covered.update(range(start, e.end))
    found += [doc[t.i : t.i + 1] for t in sent if t.lower_ in WEEKDAYS and t.i not in covered]
    return found


def date_text(doc: Doc, tok: Token, own: bool = True) -> str | None:
    """The time adjunct nearest the trigger in its sentence ("on Friday", "early Sunday"), not a date that only
    modifies a noun ("the October 10 elections") nor one on another line (a headline's date line)."""
    text = text_of(doc)
    adverbial = [
        p
        for p in _time_phrases(doc, sent_of(tok))
        if (any(c.isalpha() for c in p.text) or len(p.text) >= 4)
        and "\n" not in text[min(p.start_char, tok.idx) : max(p.end_char, tok.idx)]
        and (p.root.dep_ in _ADVERBIAL or (p.root.dep_ == "poss" and p.root.head.i == tok.i))
        and not (p.root.dep_ == "pobj" and p.root.head.head.pos_ in ("NOUN", "PROPN") and p.root.head.head.i != tok.i)
        and not (p.root.dep_ == "compound" and p.root.head.i != tok.i)
        and (not own or _same_clause(p.root, tok))
    ]
    if not adverbial:
        return None
    return min(adverbial, key=lambda p: abs(p.start - tok.i)).text


def _clause(tok: Token) -> Token:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _same_clause(when: Token, tok: Token) -> bool:
    """Is the time not that of a relative clause on another noun ("urged North Korea to resume talks it abandoned
    in 2009": 2009 is the abandoning's)? One on the trigger itself ("a curfew it put in place Thursday") or on a
    clause above the trigger is its time."""
    verb = _clause(when)
    if verb.dep_ not in ("relcl", "acl") or verb.head.i == tok.i:
        return True
    node = _clause(tok)
    node = finite_head(node)  # "an attempt to divert attention from the clash on Friday and blamed ...": the blaming's
    while node.i != verb.i:
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def inherit_dates(doc: Doc, events: list) -> None:
    """An event without a time of its own takes the time of the sentence before it in the same paragraph: the
    time of that sentence's event, else the time adjunct of that sentence's main verb ("Mohamed brought the clock
    to school on September 14 ... Police arrested and questioned the student")."""
    text = text_of(doc)
    ordered = sents(doc)
    starts = [s.start_char for s in ordered]  # once per article: an event finds its sentence by bisection
    previous = None
    for ev in events:
        if ev.date_text is None:
            carried = None
            if previous is not None and previous.date_text and _may_carry(doc, previous, ev):
                between = text[previous.start_char : ev.start_char]
                if "\n" not in between and between.count(". ") <= 1:
                    carried = previous
            if carried is not None:
                ev.date_text, ev.date_from_context = carried.date_text, True
                ev.future = ev.future or carried.future
            else:
                said = _previous_sentence_date(doc, ordered, bisect.bisect_right(starts, ev.start_char) - 1)
                if said:
                    ev.date_text, ev.date_from_context = said, True
        previous = ev


def _may_carry(doc: Doc, before, ev) -> bool:
    """May an event take the time of the event before it? Not a time a noun found in its own sentence when the
    event is in that sentence too ("called the attacks an attempt to divert attention from the clash on Friday and
    blamed ..."): that time dates the happening the noun names, often an earlier one. A verb's time ("Police
    arrested and questioned") and a time the noun itself carried from the sentence before do carry."""
    span = doc.char_span(before.start_char, before.end_char, alignment_mode="expand")
    if span is None or span.root.pos_ in ("VERB", "AUX") or before.date_from_context:
        return True
    sent = sent_of(span.root)
    return not (sent.start_char <= ev.start_char < sent.end_char)


def _previous_sentence_date(doc: Doc, ordered: list[Span], here: int) -> str | None:
    text = text_of(doc)
    if here < 1:
        return None
    before, current = ordered[here - 1], ordered[here]
    if "\n" in text[before.end_char : current.start_char] or "\n" in text[before.start_char : before.end_char]:
        return None
    if any(_time_phrases(doc, current)):
        return None  # the sentence has a time of its own, only not for this event
    return date_text(doc, before.root, own=False)  # the sentence's time, wherever the parse attached it
