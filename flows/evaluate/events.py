"""Event scores on PLOVER-style gold (../shared/eval/README.md): one gold event per sentence.

- type recall: share of gold sentences for which the system produces an event of the gold type;
- coverage: share of gold sentences with any system event;
- actor accuracy: over sentences whose type was found and whose gold names a source actor, share where an event
  of that type has an actor (text or canonical entity name) sharing a content word with a gold source actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from nightdesk.evaluate.quotes import content_words


@dataclass
class EventScores:
    sentences: int
    type_found: int
    covered: int
    actor_checked: int
    actor_right: int
    confusion: Counter
    examples: list[str]

    @property
    def type_recall(self) -> float:
        return self.type_found / self.sentences if self.sentences else 0.0

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0

    @property
    def actor_accuracy(self) -> float:
        return self.actor_checked and self.actor_right / self.actor_checked or 0.0


def score(system_by_doc: dict[str, list[dict]], gold: dict[str, dict]) -> EventScores:
    """system events: dicts with event_type, actor_text, actor_name."""
    found = covered = checked = right = 0
    confusion: Counter = Counter()
    examples: list[str] = []
    for doc_id, g in gold.items():
        events = system_by_doc.get(doc_id, [])
        covered += bool(events)
        same = [e for e in events if e["event_type"] == g["event_type"]]
        if not same:
            confusion[(g["event_type"], ",".join(sorted({e["event_type"] for e in events})) or "-")] += 1
            continue
        found += 1
        gold_words = set().union(*(content_words(a) for a in g.get("source") or [])) if g.get("source") else set()
        if not gold_words:
            continue
        checked += 1
        if any((content_words(e.get("actor_text")) | content_words(e.get("actor_name"))) & gold_words for e in same):
            right += 1
        elif len(examples) < 40:
            examples.append(f"{doc_id}: actor {[e.get('actor_text') for e in same]} vs gold {g.get('source')}")
    return EventScores(len(gold), found, covered, checked, right, confusion, examples)


def evaluate(folder, warehouse=None) -> tuple[EventScores, int]:
    """Run the real pipeline on a PLOVER-style folder; (scores, number of system events)."""
    from nightdesk.evaluate.common import load_corpus, run_pipeline, system_rows

    records, gold = load_corpus(folder)
    system = system_rows(run_pipeline(folder, warehouse), "events")
    scores = score(system, {r["id"]: gold[r["id"]] for r in records if r["id"] in gold})
    return scores, sum(map(len, system.values()))
