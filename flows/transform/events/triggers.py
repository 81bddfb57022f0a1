"""How a token is matched against the event rules' tables (vocabulary.py): which trigger it is, in which mode."""

from __future__ import annotations

from spacy.tokens import Token

from nightdesk.transform.events.requirements import satisfies
from nightdesk.transform.events.vocabulary import Trigger, mode_keywords, triggers
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import sent_of


def word_class(tok: Token) -> str | None:
    return {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}.get(tok.pos_)


def _context(tok: Token) -> set[str]:
    """The words near a trigger: its children, its head's, and the doer of a passive ("held by the police")."""
    doers = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
    near = list(tok.children) + [tok.head] + list(tok.head.children) + [tok.head.head] + doers
    return (
        {t.lemma_.lower() for t in near}
        | {t.lower_ for t in near}
        | {t.lemma_.lower() for t in sent_of(tok) if t.dep_ in ("nsubj", "compound")}
    )


def trigger_of(tok: Token, rules: RuleSet) -> Trigger | None:
    """The trigger rule a token matches (a rule that needs context only when its context words stand near, one that
    requires an object only when the object is there), or None."""
    pos = word_class(tok)
    candidates = triggers(rules).get((tok.lemma_.lower(), pos or ""), []) if pos else []
    if not candidates:
        return None
    ctx = None
    for rule in candidates:
        if rule.context:
            ctx = ctx if ctx is not None else _context(tok)
            if not rule.context & ctx:
                continue
        if satisfies(tok, rule.requires, rules):
            return rule
    return None


def event_mode(rule: Trigger, tok: Token, rules: RuleSet) -> str | None:
    """A mode keyword of its type in the trigger's own phrase ("fired tear gas": crowd-control, though "fire" says
    firearms), else the rule's own mode, else a keyword in its head's phrase."""
    keywords = mode_keywords(rules).get(rule.event_type, [])
    own = {t.lemma_.lower() for t in tok.subtree if t.i != tok.i}
    found = next((mode for keyword, mode in keywords if keyword in own), None)
    if found or rule.mode:
        return found or rule.mode
    around = {t.lemma_.lower() for t in tok.head.subtree}
    return next((mode for keyword, mode in keywords if keyword in around), None)
