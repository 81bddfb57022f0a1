"""The event rules' tables, read from the rule files: triggers by lemma and word class (seeds/event_triggers.csv),
mode keywords (seeds/event_modes.csv) and the open-class word lists by role (seeds/event_words.csv). Below everything
that matches tokens against them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from nightdesk.transform.rules import EVENT_WORD_ROLES, RuleSet


@dataclass(frozen=True)
class Trigger:
    event_type: str
    mode: str | None
    context: frozenset[str]
    requires: frozenset[str] = frozenset()  # what its objects must be (requirements.py)


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
