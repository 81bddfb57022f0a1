"""The event rules' tables, from the rule files (seeds/event_triggers.csv, event_modes.csv, event_words.csv), and
how a token is matched against them: which trigger it is, in which mode."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from nightdesk.transform.doccache import sent_of
from nightdesk.transform.rules import EVENT_WORD_ROLES, RuleSet


@dataclass(frozen=True)
class Trigger:
    event_type: str
    mode: str | None
    context: frozenset[str]
    requires: frozenset[str] = frozenset()  # what its objects must be (transform/event_filters.py)


@cache
def triggers(rules: RuleSet) -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for r in rules.rows("event_triggers"):
        context = frozenset(w.strip().lower() for w in r["context"].split(";") if w.strip())
        requires = frozenset(w.strip().lower() for w in r.get("requires", "").split(";") if w.strip())
        table[(r["lemma"].strip().lower(), r["pos"].strip())].append(
            Trigger(r["event_type"].strip(), r["mode"].strip() or None, context, requires)
        )
    for found in table.values():
        found.sort(key=lambda t: not (t.context or t.requires))  # rules with conditions are tried first
    return dict(table)


@cache
def mode_keywords(rules: RuleSet) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rules.rows("event_modes"):
        out[r["event_type"].strip()].append((r["keyword"].strip().lower(), r["mode"].strip()))
    return dict(out)


@cache
def words(rules: RuleSet) -> dict[str, frozenset[str]]:
    """seeds/event_words.csv: role (governs, intent, request, ...) → its lemmas; every role present, maybe empty."""
    found: dict[str, set[str]] = {role: set() for role in EVENT_WORD_ROLES}
    for r in rules.rows("event_words"):
        found[r["role"].strip()].add(r["lemma"].strip().lower())
    return {role: frozenset(lemmas) for role, lemmas in found.items()}


@cache
def instruments(rules: RuleSet) -> frozenset[str]:
    return frozenset(k for pairs in mode_keywords(rules).values() for k, _ in pairs) | {
        "shot",
        "round",
        "shell",
        "weapon",
    }


def word_class(tok: Token) -> str | None:
    return {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}.get(tok.pos_)


def _context(tok: Token) -> set[str]:
    near = list(tok.children) + [tok.head] + list(tok.head.children) + [tok.head.head]
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
    from nightdesk.transform.event_filters import satisfies  # (it reads this module's word tables)

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
