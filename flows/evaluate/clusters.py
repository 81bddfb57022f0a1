"""Event clusters across articles, scored over pairs of articles: two articles that report one happening (gold: each
article's happening, tests/data/event_clusters/gold.json) should have an event in one cluster, and two that report
different happenings should not. A cluster joining two articles through a side event counts against precision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from nightdesk.evaluate.common import load_corpus, prf, run_pipeline, system_rows


@dataclass(frozen=True)
class ClusterReport:
    articles: int
    gold_pairs: int
    found_pairs: int
    right_pairs: int
    wrong: list[tuple[str, str]]  # pairs joined that report different happenings
    missed: list[tuple[str, str]]  # pairs of one happening left apart

    @property
    def prf(self) -> tuple[float, float, float]:
        return prf(self.right_pairs, self.found_pairs, self.right_pairs, self.gold_pairs)


def score(gold: dict[str, str], clusters: dict[str, set[str]]) -> ClusterReport:
    """gold: record id → its happening; clusters: record id → the clusters of its events."""
    right = found = true = 0
    wrong, missed = [], []
    for a, b in combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_found = bool(clusters.get(a, set()) & clusters.get(b, set()))
        true += same_gold
        found += same_found
        right += same_gold and same_found
        if same_found and not same_gold:
            wrong.append((a, b))
        if same_gold and not same_found:
            missed.append((a, b))
    return ClusterReport(len(gold), true, found, right, wrong, missed)


def evaluate(folder: Path, warehouse: Path | None = None) -> ClusterReport:
    """One corpus folder (articles.jsonl and gold.json), run through the real pipeline as one night."""
    _, gold = load_corpus(folder)
    rows = system_rows(run_pipeline(folder, warehouse), "event_clusters")
    return score(gold, {source: {r["cluster_id"] for r in events} for source, events in rows.items()})


def corpus_folders(folder: Path) -> list[Path]:
    """The folder itself when it holds a corpus, else its sub-folders that do (tests/data/event_clusters/set*)."""
    if (folder / "articles.jsonl").exists():
        return [folder]
    found = [p for p in folder.iterdir() if (p / "articles.jsonl").exists()]
    return sorted(
        found, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)]
    )  # set2 < set10


def pooled(reports: list[ClusterReport]) -> ClusterReport:
    """The sets' pairs together (no pair crosses two sets: each is its own warehouse)."""
    return ClusterReport(
        sum(r.articles for r in reports),
        sum(r.gold_pairs for r in reports),
        sum(r.found_pairs for r in reports),
        sum(r.right_pairs for r in reports),
        [p for r in reports for p in r.wrong],
        [p for r in reports for p in r.missed],
    )
