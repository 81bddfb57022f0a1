"""What the parts added beside the parse cost, on the benchmark's corpus (README, "Benchmark").

    .venv/bin/python bench/parts.py --articles 250

Times, in one process, each step that runs per article besides spaCy and the rules: language detection (main
process), tone of the body's sentences and of the quotes (in the workers), URL keys, and the copy signatures the load
makes; the load's comparisons with the lake are timed by the run itself (bench/run.py prints them). The parse is
timed with the same model over the same texts, for scale.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from run import corpus  # noqa: E402

from nightdesk.extract.records import make_article  # noqa: E402
from nightdesk.transform import copies  # noqa: E402
from nightdesk.transform.language import detect  # noqa: E402
from nightdesk.transform.nlp import load_nlp  # noqa: E402
from nightdesk.transform.tone import analyzer, article_tone, text_tone  # noqa: E402


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=250)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = corpus(args.articles, Path(tmp))
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles = [make_article(r, r["text"], r["id"], r["id"]) for r in records]
    detect("warm up: the model loads once per run")
    copies.signature("warm up: datasketch is imported once per run")
    analyzer()
    nlp = load_nlp()
    docs = []
    parse = timed(lambda: docs.extend(nlp.pipe([a.text for a in articles], batch_size=16)))
    quotes = [
        " ".join(a.text[s:e] for s, e in q.spans) for d, a in zip(docs, articles, strict=True) for q in d._.nd_quotes
    ]
    steps = {
        "language detection": timed(lambda: [detect(a.text) for a in articles]),
        "article tone": timed(
            lambda: [article_tone(d, a.body_start or 0) for d, a in zip(docs, articles, strict=True)]
        ),
        "quote tone": timed(lambda: [text_tone(q) for q in quotes]),
        "url keys": timed(lambda: [copies.url_key(a.url) for a in articles]),
        "copy signatures": timed(lambda: [copies.signature(a.text[a.body_start or 0 :]) for a in articles]),
    }
    print(f"{len(articles)} articles, {len(quotes)} quotes; the whole pipeline in one process: {parse:.1f} s")
    for step, seconds in steps.items():
        print(
            f"{step}: {seconds:.2f} s, {1000 * seconds / len(articles):.2f} ms per article, {100 * seconds / parse:.1f}% of the parse"
        )


if __name__ == "__main__":
    main()
