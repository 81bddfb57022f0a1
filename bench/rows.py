"""A fingerprint of the rows a night makes: one md5 per table over its sorted rows, leaving out what differs between
any two runs (run ids, times, pipeline versions). Two versions of the code that make the same rows print the same
lines, so a refactor can show that it changed nothing.

    .venv/bin/python bench/rows.py WAREHOUSE            # the fingerprint of a built warehouse
    .venv/bin/python bench/rows.py --build DIR          # build DIR from seeds/articles + ../shared/eval/polnear-dev first
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
TABLES = ("articles", "entities", "entity_aliases", "entity_mentions", "quotes", "events", "event_mentions", "stories")
# Columns that name the run or the code version, or hold times of the run: not what the night found.
VOLATILE = {"run_id", "first_run_id", "pipeline_version", "started_at", "finished_at", "built_at", "source_uri"}


def fingerprint(warehouse: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(warehouse / "news.duckdb"), read_only=True)
    try:
        found = {}
        for table in TABLES:
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
            rows = sorted(repr(r) for r in con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall())
            found[table] = (len(rows), hashlib.md5("\n".join(rows).encode()).hexdigest())
        return found
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", nargs="?", type=Path)
    parser.add_argument("--build", type=Path, help="build this warehouse from the seeds and polnear-dev first")
    args = parser.parse_args()
    warehouse = args.build or args.warehouse
    if args.build:
        inputs = ["--input", str(REPO / "seeds" / "articles")]
        polnear = REPO.parent / "shared" / "eval" / "polnear-dev"
        if polnear.is_dir():
            inputs += ["--input", str(polnear)]
        cli = [str(Path(sys.executable).parent / "nightdesk"), "run", *inputs, "--warehouse", str(warehouse)]
        subprocess.run(cli, check=True, capture_output=True)
    for table, (rows, digest) in fingerprint(warehouse).items():
        print(f"{table:16} {rows:7,} {digest}")


if __name__ == "__main__":
    main()
