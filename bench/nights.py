"""Many nights: what a year of nightly snapshots does to publishing news.duckdb and to reading it, with and without
compaction (README, "Benchmark").

    .venv/bin/python bench/nights.py --base /tmp/scale/base              # 365 nights, both ways
    .venv/bin/python bench/nights.py --base /tmp/scale/base --nights 100

`--base` is a warehouse made by a real `nightdesk run` (bench/scale.py --keep leaves one at <folder>/base). Each
night commits one copy of its article rows under new ids (nightdesk.load.bulk), as a night of that many articles would,
then runs the run's own compaction step (or not), publishes news.duckdb and times two analyst queries on it.
Reported every `--every` nights: the lake's data files, the publish time and the query times.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402

from nightdesk.load import catalog, compact  # noqa: E402
from nightdesk.load.analyst import DB_NAME  # noqa: E402
from nightdesk.load.bulk import copies_insert  # noqa: E402
from nightdesk.load.schemas import ARTICLE_TABLES, LAKE_TABLES, quoted, sql_text, table_sql  # noqa: E402
from nightdesk.load.warehouse import publish_snapshot  # noqa: E402

QUERIES = {
    "count mentions": "SELECT count(*) FROM entity_mentions",
    "top speakers": sql_text("bench", "top_speakers.sql"),
}


def data_files(con: duckdb.DuckDBPyConnection) -> int:
    return sum(len(catalog.files(con, t)) for t in LAKE_TABLES)


def nights(base: Path, folder: Path, count: int, every: int, compacting: bool) -> list[dict]:
    wh = folder / ("compacted" if compacting else "plain")
    wh.mkdir(parents=True)
    con = catalog.connect(catalog.location(wh), create=True)
    out = []
    try:
        con.execute(f"ATTACH '{quoted(str(base / DB_NAME))}' AS base (READ_ONLY)")
        for night in range(count):
            with catalog.transaction(con):
                for table in ARTICLE_TABLES:
                    con.execute(copies_insert(table, night, night + 1))
                if night == 0:
                    for table in ("entities", "entity_aliases"):
                        con.execute(table_sql(table, "bench", "copy_table.sql"))
                con.execute(sql_text("lake", "commit_message.sql"), {"message": f"night-{night:04d}", "info": None})
            if compacting:
                start = time.perf_counter()
                joined = compact.compact(con)
                if joined:
                    print(f"compacted night {night + 1:4}: joined the small files of {len(joined)} tables in "
                          f"{time.perf_counter() - start:.2f} s", flush=True)  # fmt: skip
            start = time.perf_counter()
            publish_snapshot(wh, con)
            publish = time.perf_counter() - start
            if (night + 1) % every == 0 or night == 0:
                reader = duckdb.connect(str(wh / DB_NAME), read_only=True)
                try:
                    timed = {}
                    for name, sql in QUERIES.items():
                        start = time.perf_counter()
                        reader.execute(sql).fetchall()
                        timed[name] = time.perf_counter() - start
                finally:
                    reader.close()
                row = {"night": night + 1, "files": data_files(con), "publish": publish, **timed}
                out.append(row)
                print(
                    f"{'compacted' if compacting else 'plain':9} night {row['night']:4}: {row['files']:6} files, "
                    f"publish {publish:.2f} s, " + ", ".join(f"{k} {v:.3f} s" for k, v in timed.items()),
                    flush=True,
                )
    finally:
        con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True, help="a warehouse made by nightdesk run")
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--every", type=int, default=50, help="report every this many nights")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nightdesk-nights-") as tmp:
        for compacting in (False, True):
            nights(args.base, Path(tmp), args.nights, args.every, compacting)


if __name__ == "__main__":
    main()
