"""Parquet export for BI tools: one hive-partitioned folder per table (published_month=YYYY-MM), ZSTD.

Each table is written beside its old folder and swapped in, so a rerun replaces what it wrote before (no
duplicate rows, no stale partitions) and a reader never sees half a table.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from flows.load.schemas import TABLES, sql_text
from flows.load.warehouse import connect_read_only

README = """# nightdesk export

One folder per table, hive-partitioned by publication month (`published_month=YYYY-MM`; `unknown` when the article
has no date). Entities and aliases go to the month of the earliest article mentioning them; runs and rejected
inputs to the month the run started. Files are Parquet with ZSTD compression; `nightdesk export` replaces the whole
folder of a table on every run.

DuckDB:

    SELECT * FROM read_parquet('{dir}/quotes/*/*.parquet', hive_partitioning = true);

pandas / pyarrow:

    import pyarrow.dataset as ds
    quotes = ds.dataset('{dir}/quotes', format='parquet', partitioning='hive').to_table().to_pandas()

BI tools (Power BI, Tableau, Superset, Metabase): point a Parquet or DuckDB connector at the table folder with
hive partitioning on, or at `news.duckdb` itself (read-only). Offsets (start_char, end_char) index articles.text.
"""


def export(warehouse: Path, to: Path) -> dict[str, int]:
    """Write every table; returns rows per table."""
    to.mkdir(parents=True, exist_ok=True)
    con = connect_read_only(warehouse)
    rows: dict[str, int] = {}
    try:
        for table in TABLES:
            query = sql_text("export", f"{table}.sql").strip().rstrip(";")
            building = to / f".{table}.building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            con.execute(
                f"COPY ({query}) TO '{_quote(building)}' "
                "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (published_month), FILENAME_PATTERN 'part-{i}')"
            )
            rows[table] = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
            if not building.exists():
                building.mkdir()  # an empty table still gets its folder
            _swap(building, to / table)
    finally:
        con.close()
    (to / "README.md").write_text(README.format(dir=to), encoding="utf-8")
    return rows


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _swap(new: Path, live: Path) -> None:
    old = live.with_name(f".{live.name}.old-{os.getpid()}")
    if live.exists():
        os.replace(live, old)
    os.replace(new, live)
    shutil.rmtree(old, ignore_errors=True)
