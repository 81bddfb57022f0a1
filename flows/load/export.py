"""Parquet export for BI tools: one hive-partitioned folder per table and analyst view (published_month=YYYY-MM), ZSTD.

Each folder is written beside its old one and swapped in, so a rerun replaces what it wrote before (no duplicate
rows, no stale partitions) and a reader never sees half a table. A table without rows still gets one Parquet file
holding its columns, so a reader's glob finds it on a night without, say, rejections.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from flows.load.schemas import TABLES, VIEWS, sql_text
from flows.load.warehouse import connect_read_only

# Partitions of a relation without rows: the file sits where undated rows would.
EMPTY_PARTITION = "published_month=unknown"

README = """# nightdesk export

One folder per table and analyst view, hive-partitioned by publication month (`published_month=YYYY-MM`;
`unknown` when the article has no date). Entities and aliases go to the month of the earliest article mentioning
them, runs and rejected inputs to the month the run started, `events_per_location_week` to the month of the week,
and the whole-warehouse counts `entity_cooccurrence` and `top_speakers_per_entity` to `published_month=all`.
A table without rows holds one Parquet file with its columns and no rows. Files are Parquet with ZSTD
compression; `nightdesk export` replaces the whole folder of a table on every run.

Tables: {tables}.
Views: {views}.

DuckDB (Python, or the `duckdb` command installed with nightdesk):

```sql
SELECT speaker, count(*) AS quotes
FROM read_parquet('{dir}/who_said_what/*/*.parquet', hive_partitioning = true)
GROUP BY speaker ORDER BY quotes DESC LIMIT 10;
```

pyarrow (add `.to_pandas()` to the table where pandas is installed):

```python
import pyarrow.dataset as ds
quotes = ds.dataset('{dir}/quotes', format='parquet', partitioning='hive').to_table()
print(quotes.num_rows, quotes.column_names)
```

BI tools (Power BI, Tableau, Superset, Metabase): point a Parquet or DuckDB connector at the table folder with
hive partitioning on, or at `news.duckdb` itself (read-only). Offsets (start_char, end_char) index articles.text.
"""


def export(warehouse: Path, to: Path) -> dict[str, int]:
    """Write every table and view; returns rows per table or view."""
    to.mkdir(parents=True, exist_ok=True)
    con = connect_read_only(warehouse)
    rows: dict[str, int] = {}
    try:
        for name in TABLES + VIEWS:
            query = sql_text("export", f"{name}.sql").strip().rstrip(";")
            building = to / f".{name}.building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            rows[name] = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
            if rows[name]:
                con.execute(
                    f"COPY ({query}) TO '{_quote(building)}' "
                    "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (published_month), FILENAME_PATTERN 'part-{i}')"
                )
            else:
                (building / EMPTY_PARTITION).mkdir(parents=True)
                # The partition column lives in the folder name, as in a partitioned write.
                con.execute(
                    f"COPY (SELECT * EXCLUDE (published_month) FROM ({query})) "
                    f"TO '{_quote(building / EMPTY_PARTITION / 'part-0.parquet')}' (FORMAT parquet, COMPRESSION zstd)"
                )
            _swap(building, to / name)
    finally:
        con.close()
    (to / "README.md").write_text(README.format(dir=to, tables=", ".join(TABLES), views=", ".join(VIEWS)), encoding="utf-8")
    return rows


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _swap(new: Path, live: Path) -> None:
    old = live.with_name(f".{live.name}.old-{os.getpid()}")
    if live.exists():
        os.replace(live, old)
    os.replace(new, live)
    shutil.rmtree(old, ignore_errors=True)
