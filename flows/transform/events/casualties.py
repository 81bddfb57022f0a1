"""Which event a casualty belongs to (events/component.py: a killed, injured or arrested count, or a casualty verb
with no event of its own). Events are component.Event."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nightdesk.transform.events.triggers import trigger_of
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import sent_of
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.syntax import agent_subject

VIOLENT = {"ASSAULT", "PROTEST", "COERCE"}


def host_event(doc: Doc, tok: Token, events: list, by_token: dict, rules: RuleSet, kind: str | None):
    """The event a casualty belongs to: the event noun it happened in, the force that caused it, or a violent
    event of the same sentence; else the latest violent event of the last paragraphs when its cause is a thing. An
    arrest, a curfew or a raid hosts only the arrested: it kills and injures no one."""

    def violent(e) -> bool:
        return e.event_type in VIOLENT and (kind == "arrested" or e.event_type != "COERCE")

    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "at", "after"):
            for g in c.children:
                rule = trigger_of(g, rules) if g.dep_ == "pobj" else None
                if rule is not None:
                    same = [
                        e
                        for e in events
                        if e.event_type == rule.event_type and e.start_char <= g.idx and not e.definite
                    ]
                    host = by_token.get(g.i)  # "injured in the demonstration": the protest reported before
                    return host if host is not None and not host.definite else (same[-1] if same else host)
    in_sentence = [
        e for i, e in by_token.items() if sent_of(tok).start <= i < sent_of(tok).end and violent(e) and i != tok.i
    ]
    if in_sentence:
        return min(in_sentence, key=lambda e: abs(e.start_char - tok.idx))
    cause = agent_subject(tok)
    inanimate = cause is not None and (
        cause.lower_ in ("that", "which")
        or (
            cause.ent_type_ == ""
            and cause.pos_ == "NOUN"
            and cause.lemma_ not in ("man", "gunman", "soldier", "police", "militant", "attacker", "people")
        )
    )
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    if inanimate or passive:
        recent = [
            e
            for e in events
            if violent(e)
            and e.start_char < tok.idx
            and "\n\n\n" not in text_of(doc)[e.start_char : tok.idx]
            and text_of(doc)[e.start_char : tok.idx].count("\n\n") <= 1
        ]
        if recent:
            return recent[-1]
    return None
