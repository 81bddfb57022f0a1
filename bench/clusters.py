"""Cluster cost: thousands of reports of one type on one day, made from a real night's events (issue 33).

    .venv/bin/python bench/clusters.py WAREHOUSE [--events 10000] [--type ASSAULT] [--check 2000] [--seed 7]

WAREHOUSE: a warehouse a night on real articles made (e.g. `nightdesk.run(inputs=[".../polnear-train/articles.jsonl"],
warehouse=...)`). Each made-up article is a real article of it under a new id: the entities it names, and one to five
of its own dated events, all given `--type` and one day; articles are drawn at random with replacement, so a real
article comes back two or three times, as one story told by several outlets does. Reported: the seconds
load.clusters.links takes on `--events` reports, half the night's and half the lake's, and on all of them as the
night's; and for the first `--check` reports, that the pairs it scores are those of comparing every two reports of a
type (the way before issue 33), with both times.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nightdesk.load import cluster_context, clusters  # noqa: E402

DAY = date(2024, 5, 1)


def made_up(warehouse: Path, n: int, kind: str, seed: int):
    con = duckdb.connect(str(warehouse / "news.duckdb"), read_only=True)
    events = con.execute(
        "SELECT event_id, article_id, actor_entity_id, actor_text, target_entity_id, target_text, location_entity_id,"
        " published_at FROM events JOIN articles USING (article_id) WHERE event_date IS NOT NULL"
    ).fetchall()
    names = con.execute("SELECT article_id, unnest(entity_ids) FROM articles").fetchall()
    cols = [c[0] for c in con.execute("SELECT * FROM entities LIMIT 0").description]
    entities = {row[0]: dict(zip(cols, row, strict=True)) for row in con.execute("SELECT * FROM entities").fetchall()}
    by_article = defaultdict(list)
    for e in events:
        by_article[e[1]].append(e)
    named = defaultdict(list)
    for article, entity in names:
        named[article].append(entity)
    rng = random.Random(seed)
    articles = sorted(by_article)
    reports, found = [], []
    k = 0
    while len(reports) < n:
        real = rng.choice(articles)
        article = f"{real}~{k}"
        k += 1
        found += [(article, e) for e in named[real]]
        own = by_article[real]
        for e in rng.sample(own, min(len(own), rng.randint(1, 5))):
            event_id, _, actor, actor_text, target, target_text, place, published = e
            reports.append(
                clusters.Report(
                    f"{event_id}~{k}", article, kind, DAY, actor, actor_text, target, target_text, place, published
                )
            )
    reports = reports[:n]
    acting = {e for r in reports for e in (r.actor_entity_id, r.target_entity_id) if e}
    return reports, cluster_context.context_of(entities, found, {}, acting)


def every_pair(night, lake, ctx):
    """The pairs as before blocking: every two reports of a type compared."""
    by_type = defaultdict(list)
    for report in lake + night:
        by_type[report.event_type].append(report)
    scored = []
    for a in night:
        for b in by_type[a.event_type]:
            weight = clusters.evidence(a, b, ctx) if b.article_id != a.article_id else None
            if (weight or 0) >= clusters.ENOUGH:
                scored.append((weight, a.event_id, b.cluster_id or b.event_id))
    return scored


def timed(f, *args):
    t = time.perf_counter()
    out = f(*args)
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("warehouse", type=Path)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--type", default="ASSAULT")
    ap.add_argument("--check", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    reports, ctx = made_up(args.warehouse, args.events, args.type, args.seed)
    half = len(reports) // 2
    lake = [replace(r, cluster_id=f"c-{r.event_id}") for r in reports[:half]]
    found, seconds = timed(clusters.links, reports[half:], lake, ctx)
    print(f"{len(reports)} {args.type} reports on one day, half the lake's: {seconds:.2f} s, {len(found)} links")
    found, seconds = timed(clusters.links, reports, [], ctx)
    clustered = len({e for pair in found for e in pair})
    print(f"the same, all the night's: {seconds:.2f} s, {len(found)} links, {clustered} reports in clusters")
    if args.check:
        night = [clusters.settled(r, ctx) for r in reports[: args.check]]
        blocked, t_blocked = timed(clusters.scored_pairs, night, [], ctx)
        every, t_every = timed(every_pair, night, [], ctx)
        same = "the same pairs" if blocked == every else "DIFFERENT PAIRS"
        print(
            f"first {len(night)} reports: {same} ({len(blocked)}); through shared keys {t_blocked:.2f} s,"
            f" every pair {t_every:.2f} s"
        )
        if blocked != every:
            sys.exit(1)


if __name__ == "__main__":
    main()
