"""Police actions per sentence on IndiaPoliceEvents (../shared/eval/ipe-dev): recall of KILL, FORCE and ARREST
sentences, and false alarms (../shared/eval/README.md).

A sentence counts as found for a label when an event reported inside it reads as that action:
- ARREST: a COERCE event whose trigger is an arrest word, or any event with an arrested count;
- KILL: an ASSAULT event whose trigger is a killing word, or any event with a killed count;
- FORCE: any ASSAULT event, killing or not (IPE labels "killed in police firing" both KILL and FORCE), and any
  COERCE event that is no arrest (a raid, a curfew).
IPE labels police actions only: a sentence where rioters kill is no KILL there, so some false alarms are real events
of another actor. A false alarm is a sentence with no label where the system finds one of the three.
The corpus halves are those of nightdesk.evaluate.event_labels.half (B is held out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nightdesk.evaluate.common import connect, eval_docs, load_corpus, run_pipeline, system_rows
from nightdesk.evaluate.event_labels import half

LABELS = ("KILL", "FORCE", "ARREST")
_ARREST = frozenset({"arrest", "arrested", "arrests", "arresting", "detain", "detained", "detention", "custody", "nab",
                     "nabbed", "held", "round", "rounded", "booked", "remanded", "apprehended", "picked"})  # fmt: skip
_KILL = frozenset({"kill", "killed", "killing", "killings", "shot", "murder", "murdered", "death", "deaths", "dead",
                   "lynch", "lynched"})  # fmt: skip


def actions(mention: dict) -> set[str]:
    """The police actions one reported event reads as."""
    found = set()
    if mention["arrested"] or (mention["event_type"] == "COERCE" and mention["trigger"] in _ARREST):
        found.add("ARREST")
    if mention["killed"] or (mention["event_type"] == "ASSAULT" and mention["trigger"] in _KILL):
        found.add("KILL")
    if mention["event_type"] == "ASSAULT" or (mention["event_type"] == "COERCE" and not found):
        found.add("FORCE")  # a killing by firing is force too (IPE labels both)
    return found


@dataclass
class IpeScores:
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    unlabelled: int = 0  # sentences with no label
    alarms: int = 0  # of those, where the system found a police action
    documents: int = 0

    def recall(self, label: str) -> float:
        return self.found[label] / self.gold[label] if self.gold[label] else 0.0

    @property
    def false_alarms(self) -> float:
        return self.alarms / self.unlabelled if self.unlabelled else 0.0


def evaluate(
    folder: Path, warehouse: Path | None = None, halves: str = "AB", min_confidence: float | None = None
) -> IpeScores:
    records, gold = load_corpus(folder)
    records = [r for r in records if r["id"] in gold and half(r["id"]) in halves]
    wh = (
        warehouse if warehouse is not None and (warehouse / "news.duckdb").exists() else run_pipeline(folder, warehouse)
    )
    con = connect(wh)
    try:
        docs = eval_docs(con, records)
    finally:
        con.close()
    mentions = system_rows(wh, "ipe_event_mentions")
    scores = IpeScores()
    for source, doc in docs.items():
        scores.documents += 1
        spans = []
        for m in mentions.get(source, []):
            if min_confidence is not None and (m["confidence"] is None or m["confidence"] < min_confidence):
                continue
            start, _end = doc.cleaned.raw_span(m["start_char"], m["end_char"])
            spans.append((start, actions(m)))
        for sentence in gold[source]:
            system = set().union(*(a for s, a in spans if sentence["start"] <= s < sentence["end"]))
            labels = set(sentence["labels"]) & set(LABELS)
            for label in labels:
                scores.gold[label] += 1
                scores.found[label] += label in system
            if not sentence["labels"]:
                scores.unlabelled += 1
                scores.alarms += bool(system)
    return scores
