"""Event clusters on real news (issue 33): the happenings that several outlets report, read in every article of a
few days of ../shared/eval/polnear-train (tests/data/event_clusters/polnear: windows of days whose articles were all
read, and the happenings two or more of a window's articles tell, with the raw-text span of each sentence telling
them). Scored over pairs of articles of one window:

- a pair is found when two events in one cluster, one in each article, are counted (at or above the analyst views'
  threshold or the one asked for; dated, as only dated events are clustered); it is right when the two events are told in sentences of
  one happening (an event stands for every happening its mentions' sentences tell, whatever its type);
- a gold pair is two articles that tell one happening; it is joined when a cluster holds an event of each told in
  that happening's sentences, and reachable when both articles have such an event of one of the happening's types
  (what clustering could join: a happening the rules miss or type otherwise in one article, or of no PLOVER type
  at all, a debate or a primary, is no clustering error).
Precision over found pairs, recall over reachable gold pairs (the clustering figure), and over all gold pairs (what an
analyst gets, extraction included)."""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from nightdesk.evaluate.common import connect, eval_docs, prf, run_inputs, system_rows

GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "event_clusters" / "polnear"


@dataclass
class RealClusterReport:
    articles: int = 0
    happenings: int = 0
    found: int = 0
    right: int = 0
    gold: int = 0
    reachable: int = 0
    joined: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (article, article, cluster) joined wrongly
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (article, article, happening) reachable, apart

    @property
    def prf(self) -> tuple[float, float, float]:
        """Precision, recall of the reachable pairs, F1."""
        return prf(self.right, self.found, self.joined, self.reachable)

    @property
    def recall_all(self) -> float:
        return self.joined / self.gold if self.gold else 0.0


def load_gold(gold: Path, halves: str) -> tuple[list[dict], list[dict]]:
    """(windows, happenings) of the halves asked for."""
    windows = [json.loads(line) for line in (gold / "windows.jsonl").read_text().splitlines() if line.strip()]
    happenings = [json.loads(line) for line in (gold / "happenings.jsonl").read_text().splitlines() if line.strip()]
    return [w for w in windows if w["half"] in halves], [h for h in happenings if h["half"] in halves]


def score(windows: list[dict], happenings: list[dict], events: dict[str, list[dict]]) -> RealClusterReport:
    """events: source id → its events' mentions (event_id, event_type, cluster_id, raw start) in the gold's offsets."""
    report = RealClusterReport(sum(len(w["articles"]) for w in windows), len(happenings))
    told: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, event) → happenings its sentences tell
    kinds: dict[tuple[str, str], tuple[str, str]] = {}  # (article, event) → (type, cluster)
    for h in happenings:
        for article, spans in h["mentions"].items():
            for m in events.get(article, []):
                kinds[article, m["event_id"]] = (m["event_type"], m["cluster_id"])
                if any(s <= m["start"] < e for s, e in spans):
                    told[article, m["event_id"]].add(h["id"])
    for w in windows:
        for a, b in combinations(sorted(w["articles"]), 2):
            clusters: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
            for side, article in enumerate((a, b)):
                for m in events.get(article, []):
                    clusters[m["cluster_id"]][side].append(m["event_id"])
            for cluster, (in_a, in_b) in sorted(clusters.items()):
                if in_a and in_b:
                    report.found += 1
                    if any(told[a, x] & told[b, y] for x in set(in_a) for y in set(in_b)):
                        report.right += 1
                    else:
                        report.wrong.append((a, b, cluster))
    for h in happenings:
        for a, b in combinations(sorted(h["mentions"]), 2):
            report.gold += 1
            of_a = [kinds[a, e] for (art, e), hs in told.items() if art == a and h["id"] in hs]
            of_b = [kinds[b, e] for (art, e), hs in told.items() if art == b and h["id"] in hs]
            if {t for t, _ in of_a} & {t for t, _ in of_b} & set(h["types"]):
                report.reachable += 1
                if {c for _, c in of_a} & {c for _, c in of_b}:
                    report.joined += 1
                else:
                    report.missed.append((a, b, h["id"]))
    return report


def evaluate(
    corpus: Path,
    gold: Path = GOLD,
    halves: str = "A",
    warehouse: Path | None = None,
    min_confidence: float | None = None,
) -> RealClusterReport:
    """A night on the windows' articles of the halves asked for (one warehouse; the lake's clusters are the night's),
    scored against the gold, counting the events at or above `min_confidence` (default: the analyst views'
    threshold, load.analyst.event_threshold)."""
    from nightdesk.load.analyst import event_threshold
    from nightdesk.settings import Settings

    if min_confidence is None:
        min_confidence = event_threshold(setting=Settings.load().event_threshold)
    windows, happenings = load_gold(gold, halves)
    wanted = {a for w in windows for a in w["articles"]}
    lines = (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [r for r in map(json.loads, filter(str.strip, lines)) if r["id"] in wanted]
    if warehouse is None or not (warehouse / "news.duckdb").exists():
        with tempfile.TemporaryDirectory(prefix="nightdesk-clusters-") as tmp:
            path = Path(tmp) / "articles.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records))
            warehouse = run_inputs([str(path)], warehouse)
    con = connect(warehouse)
    try:
        docs = eval_docs(con, records)
    finally:
        con.close()
    events: dict[str, list[dict]] = defaultdict(list)
    for source, rows in system_rows(warehouse, "cluster_mentions").items():
        doc = docs[source]
        for m in rows:
            if m["confidence"] is not None and m["confidence"] < min_confidence:
                continue
            start, _ = doc.cleaned.raw_span(m["start_char"], m["end_char"])
            events[source].append({**m, "start": start})
    return score(windows, happenings, events)
