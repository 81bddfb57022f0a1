"""Bulk loads that bypass the pipeline: the scale benchmark's big warehouse (bench/scale.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.load import lake as lk
from flows.load.schemas import ARTICLE_TABLES, TABLES, schema
from flows.load.warehouse import build_database, swap_in

COPIES_PER_FILE = 100
# Key columns that name one row or one article: a copy's get a suffix. Entity ids stay: copies mention the same people.
COPIED_KEYS = {"article_id", "source_id", "mention_id", "quote_id", "event_id"}


def _copy_select(table: str, files: list[str], first: int, last: int) -> str:
    keys = [c for c in schema(table).names if c in COPIED_KEYS]
    replace = ", ".join(f"b.{c} || '~' || r.k AS {c}" for c in keys)
    listed = ", ".join(f"'{f}'" for f in files)
    return f"SELECT b.* REPLACE ({replace}) FROM read_parquet([{listed}], union_by_name = true) b, range({first}, {last}) r(k)"


def seed_copies(base: Path, target: Path, copies: int) -> dict[str, int]:
    """A new warehouse at `target` holding every row of the warehouse `base` `copies` times under new ids, committed
    as one run; returns its row counts."""
    base_lake, lake = base / "lake", target / "lake"
    manifest = lk.read_manifest(base_lake)
    run_id = manifest["runs"][-1].split("/")[-1].removesuffix(".parquet")
    target.mkdir(parents=True)
    lake.mkdir()
    new: lk.Manifest = {t: [] for t in TABLES}
    con = duckdb.connect(":memory:")
    try:
        for table in TABLES:
            files = [str(base_lake / f) for f in manifest[table]]
            if not files:
                continue
            (lake / table).mkdir()
            if table not in ARTICLE_TABLES:
                for f in files:
                    rel = f"{table}/{Path(f).name}"
                    (lake / rel).write_bytes(Path(f).read_bytes())
                    new[table].append(rel)
                continue
            for first in range(0, copies, COPIES_PER_FILE):
                rel = f"{table}/{run_id}-copies{first:06d}.parquet"
                select = _copy_select(table, files, first, min(first + COPIES_PER_FILE, copies))
                con.execute(f"COPY ({select}) TO '{lake / rel}' (FORMAT parquet, COMPRESSION zstd)")
                new[table].append(rel)
    finally:
        con.close()
    built, _checks = build_database(target, lake, new)
    lk.commit_manifest(lake, new, run_id)
    swap_in(target, built)
    counts = {}
    con = duckdb.connect(str(target / "news.duckdb"), read_only=True)
    try:
        for table in TABLES:
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()
    return counts
