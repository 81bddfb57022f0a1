"""Scale benchmark: a 10-article night on a warehouse that already holds the rows of 200,000 articles (README,
"Benchmark").

    .venv/bin/python bench/scale.py                       # 200,000 articles, a 10-article night
    .venv/bin/python bench/scale.py --articles 20000      # smaller, quicker
    .venv/bin/python bench/scale.py --keep /tmp/scale     # keep the warehouses (and reuse the big one next time)

How the big warehouse is made, without spaCy: `nightdesk run` loads the PolNeAR dev articles (else the seeds) once;
their rows are then repeated under new ids (every key column gets a `~copy` suffix, entity ids are kept, so the
entity tables stay the size a real corpus gives them; copy k is published, and its events dated, k days later, with
a copy signature of its own: years of distinct news, not one day's thousands of times over) until the warehouse
holds `--articles` articles, and committed
as one earlier night through the warehouse's own bulk path (nightdesk.load.bulk). The night then loads 10 other
articles (the same texts under new ids) into that warehouse and into an empty one.

Reported: the night's wall time and its load stage (from the run's own stage timings) on both warehouses, with
their ratio; disk growth of the big warehouse over the night (after the run, and at its peak, sampled every 0.2 s)
against the size of the night's own rows (the Parquet the night adds on the empty warehouse).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.run import SOURCES  # noqa: E402
from nightdesk.load import bulk  # noqa: E402

NIGHTDESK = str(REPO / ".venv" / "bin" / "nightdesk")


def _base_records() -> list[dict]:
    source = next(p for p in SOURCES if p.exists())
    return [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_corpus(path: Path, records: list[dict], prefix: str, n: int | None = None) -> Path:
    n = len(records) if n is None else n
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(dict(records[i % len(records)], id=f"{prefix}-{i:06d}"), ensure_ascii=False) + "\n")
    return path


def du(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except FileNotFoundError:
                continue
    return total


def rows_bytes(warehouse: Path) -> int:
    """The size of a warehouse's rows as ZSTD Parquet, one file per table, read through news.duckdb."""
    import duckdb

    from nightdesk.load.schemas import TABLES

    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(warehouse / "news.duckdb"), read_only=True)
        try:
            for table in TABLES:
                path = Path(tmp) / f"{table}.parquet"
                con.execute(f"COPY {table} TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
                total += path.stat().st_size
        finally:
            con.close()
    return total


def run(inputs: Path, warehouse: Path) -> dict:
    """One `nightdesk run`: wall seconds, its stage timings, and the warehouse's peak size on disk meanwhile."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [NIGHTDESK, "run", "--input", str(inputs), "--warehouse", str(warehouse)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, du(warehouse))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"nightdesk run failed with exit {proc.returncode}:\n{output[-3000:]}")
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"│ (\w[\w-]*)\s+│ ([\d.]+) s", output)}
    return {"wall": wall, "stages": stages, "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000, help="articles in the big warehouse")
    parser.add_argument("--night", type=int, default=10, help="articles in the night")
    parser.add_argument("--keep", type=Path, help="folder for the warehouses (kept; a big one found there is reused)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="nightdesk-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    records = _base_records()
    base, big, empty = folder / "base", folder / "big", folder / "empty"
    pristine = folder / f"big-{args.articles}"  # the big warehouse as made; each night runs on a copy at `big`
    ready = folder / f"big-{args.articles}.ready"
    try:
        if not ready.exists():
            for wh in (base, big, pristine):
                shutil.rmtree(wh, ignore_errors=True)
            print(f"base: `nightdesk run` on {len(records)} articles ...", flush=True)
            run(write_corpus(folder / "base.jsonl", records, "base"), base)
            copies = -(-args.articles // len(records))
            print(f"big: their rows x {copies} under new ids ...", flush=True)
            start = time.perf_counter()
            counts = bulk.seed_copies(base, big, copies)
            print(f"  {counts} in {time.perf_counter() - start:.0f} s", flush=True)
            big.rename(pristine)
            ready.write_text(json.dumps(counts))
        counts = json.loads(ready.read_text())
        # Every repeat starts from the same big warehouse, at the path it was made at (a warehouse that moved has its
        # news.duckdb rewritten by the next run, which is not what a night costs).
        shutil.rmtree(big, ignore_errors=True)
        shutil.copytree(pristine, big)
        snapshot = big
        night = write_corpus(folder / "night.jsonl", records, "night", args.night)
        shutil.rmtree(empty, ignore_errors=True)
        on_empty = run(night, empty)
        own_rows = rows_bytes(empty)
        before = du(snapshot)
        on_big = run(night, snapshot)
        after = du(snapshot)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    load_e, load_b = on_empty["stages"].get("load", 0.0), on_big["stages"].get("load", 0.0)
    print(f"big warehouse: {counts.get('articles', 0):,} articles, {before / 1e9:.2f} GB on disk; rows: {counts}")
    print(f"{args.night}-article night on an empty warehouse: {on_empty['wall']:.1f} s, load stage {load_e:.1f} s")
    print(f"{args.night}-article night on the big warehouse:  {on_big['wall']:.1f} s, load stage {load_b:.1f} s")
    print(f"ratio big/empty: total {on_big['wall'] / on_empty['wall']:.2f}x, load {load_b / max(load_e, 1e-9):.2f}x")
    print(f"stages on the big warehouse: {on_big['stages']}")
    print(
        f"disk growth of the night: {(after - before) / 1e6:.1f} MB after the run, "
        f"{(on_big['peak'] - before) / 1e6:.1f} MB at its peak; the night's own rows: {own_rows / 1e6:.2f} MB "
        f"(growth / own rows: {(after - before) / own_rows:.1f}x after, {(on_big['peak'] - before) / own_rows:.1f}x peak)"
    )


if __name__ == "__main__":
    main()
