"""Copies of one story: pair precision and recall on planted copies, per threshold (README, "Copies and stories").

    .venv/bin/python bench/copies.py            # the threshold sweep, with and without the common-paragraph filter

Reads ../shared/eval (PolNeAR, GUM, PLOVER dev articles); plants copies as flows/evaluate/copies.py describes and
groups them as the load does, in two nights (every other article first).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nightdesk.evaluate import copies as ev  # noqa: E402
from nightdesk.load import stories  # noqa: E402

CORPORA = ("polnear-dev", "gum-news-dev", "plover-dev")


def main() -> None:
    shared = REPO.parent / "shared" / "eval"
    records = []
    for corpus in CORPORA:
        lines = (shared / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        records += [json.loads(line) for line in lines if line.strip()]
    planted = ev.plant(records)
    rows = ev.article_rows(planted)
    ids = [r["article_id"] for r in rows]
    kinds = Counter(p.kind for p in planted)
    print(f"{len(planted)} articles: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    print("threshold  common paragraphs  precision  recall  true pairs  found pairs  seconds  missed pairs by kind")
    for common in (True, False):
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            with mock.patch.object(
                stories, "common_paragraphs", stories.common_paragraphs if common else lambda _: set()
            ):
                start = time.perf_counter()
                found = ev.score(planted, ids, ev.group_nights(rows, threshold))
                seconds = time.perf_counter() - start
            print(
                f"{threshold:9.1f}  {'left out' if common else 'kept':17}  {found.precision:9.4f}  {found.recall:6.4f}  "
                f"{found.true_pairs:10d}  {found.found_pairs:11d}  {seconds:7.2f}  {found.missed_by_kind or ''}"
            )


if __name__ == "__main__":
    main()
