"""Parquet export for BI tools: one hive-partitioned folder per table and analyst view (published_month=YYYY-MM), ZSTD.

Each folder is written beside its old one and swapped in, so a rerun replaces what it wrote before (no duplicate
rows, no stale partitions) and a reader never sees half a table. A table without rows still gets one Parquet file
holding its columns, so a reader's glob finds it on a night without, say, rejections.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.load.catalog import Location, location
from nightdesk.load.folder import NotAWarehouse, check_outside
from nightdesk.load.schemas import CORRECTION_TABLES, TABLES, VIEWS, quoted, sql_text
from nightdesk.load.warehouse import connect_read_only

EXPORTED = TABLES + CORRECTION_TABLES + VIEWS  # one folder each

# Partitions of a relation without rows: the file sits where undated rows would.
EMPTY_PARTITION = "published_month=unknown"

README = """# nightdesk export

One folder per table and analyst view, hive-partitioned by publication month (`published_month=YYYY-MM`;
`unknown` when the article has no date). Entities and aliases go to the month of the earliest article mentioning
them, runs and rejected inputs to the month the run started, `events_per_location_week` to the month of the week,
`events_per_country_day` to the month of the day,
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


MARKER = ".nightdesk-export"


class ExportRefused(NightdeskError, RuntimeError):
    pass


def written_by_export() -> set[str]:
    return {*EXPORTED, "README.md", MARKER}


def check_target(to: Path, warehouse: Path, loc: Location | None = None) -> None:
    """Export replaces only what an earlier export wrote: a folder holding anything else, or a folder of the
    warehouse itself, is refused before anything is written."""
    target, home = to.resolve(), warehouse.resolve()
    if target == home or target.is_relative_to(home) or home.is_relative_to(target):
        raise ExportRefused(
            f"--to {to} is inside the warehouse {warehouse} (or holds it): each night deletes the files under the "
            "warehouse that its lake does not name; export to a folder of its own"
        )
    try:
        check_outside(to, "--to", ((loc or location(warehouse)).data_path,))
    except NotAWarehouse as exc:
        raise ExportRefused(str(exc)) from None
    if target.exists() and not target.is_dir():
        raise ExportRefused(f"--to {to} is a file; give a folder")
    if not target.exists() or not any(target.iterdir()):
        return
    if not (target / MARKER).is_file():
        shown = ", ".join(sorted(p.name for p in target.iterdir())[:5])
        raise ExportRefused(
            f"--to {to} holds files nightdesk did not export ({shown}); export replaces whole folders there, so it "
            "writes only to a new or empty folder, or one an earlier export made"
        )
    foreign = sorted(
        p.name
        for p in target.iterdir()
        if p.name not in written_by_export() and ".building-" not in p.name and ".old-" not in p.name
    )
    for name in EXPORTED:
        folder = target / name
        if folder.is_dir():
            foreign += [
                str(f.relative_to(target)) for f in folder.rglob("*") if f.is_file() and not _exported_file(f, folder)
            ]
    if foreign:
        raise ExportRefused(
            f"--to {to} was made by an export but now also holds {', '.join(foreign[:5])}; move those away first "
            "(export would replace the folders that hold them)"
        )


def _exported_file(path: Path, folder: Path) -> bool:
    parts = path.relative_to(folder).parts
    return len(parts) == 2 and parts[0].startswith("published_month=") and parts[1].endswith(".parquet")


def export(warehouse: Path, to: Path, loc: Location | None = None) -> dict[str, int]:
    """Write every table and view; returns rows per table or view."""
    check_target(to, warehouse, loc)
    con = connect_read_only(warehouse)  # before the folder is made: a missing warehouse leaves nothing behind
    rows: dict[str, int] = {}
    try:
        to.mkdir(parents=True, exist_ok=True)
        (to / MARKER).write_text(
            "Written by `nightdesk export`, which replaces only the folders it wrote here.\n", encoding="utf-8"
        )
        for name in EXPORTED:
            query = sql_text("export", f"{name}.sql").strip().rstrip(";")
            building = to / f".{name}.building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            # COPY's target must be a literal: the statement is built here, around the query from sql/export/.
            rows[name] = con.execute(
                f"COPY ({query}) TO '{quoted(str(building))}' "
                "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (published_month), FILENAME_PATTERN 'part-{i}')"
            ).fetchone()[0]
            if not rows[name]:
                (building / EMPTY_PARTITION).mkdir(parents=True, exist_ok=True)
                # The partition column lives in the folder name, as in a partitioned write.
                con.execute(
                    f"COPY (SELECT * EXCLUDE (published_month) FROM ({query})) "
                    f"TO '{quoted(str(building / EMPTY_PARTITION / 'part-0.parquet'))}' (FORMAT parquet, COMPRESSION zstd)"
                )
            _swap(building, to / name)
    finally:
        con.close()
    (to / "README.md").write_text(
        README.format(dir=to, tables=", ".join(TABLES + CORRECTION_TABLES), views=", ".join(VIEWS)), encoding="utf-8"
    )
    return rows


def _swap(new: Path, live: Path) -> None:
    old = live.with_name(f".{live.name}.old-{os.getpid()}")
    if live.exists():
        os.replace(live, old)
    os.replace(new, live)
    shutil.rmtree(old, ignore_errors=True)
