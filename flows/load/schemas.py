"""One Arrow schema per table, derived from the table's DDL in sql/schema/ so the two can never disagree.

The writer (lake), the loader (warehouse) and the tests all take their schema from here.
"""

from __future__ import annotations

import re
from functools import cache
from graphlib import TopologicalSorter
from pathlib import Path

import pyarrow as pa

from nightdesk.settings import SQL_DIR

# Load order: parents before children, so a reader of a partly built database never sees orphans.
TABLES = (
    "articles",
    "entities",
    "entity_aliases",
    "entity_mentions",
    "quotes",
    "events",
    "event_mentions",
    "event_statistics",
    "runs",
    "rejected_inputs",
    "input_warnings",
)
# Reference tables copied from seeds/<name>.csv on every build (sql/load/<name>.sql creates them); not in the lake.
REFERENCE_TABLES = ("plover_types",)
# Made from the warehouse folder's corrections.csv on every build (flows/load/corrections.py); not in the lake.
CORRECTION_TABLES = ("entity_corrections",)
# Made by the load from the night's quotes (flows/load/night.py): the search's terms, one row per quote and term.
SEARCH_TABLES = ("quote_terms",)
# Kept by the load from the mentions (flows/load/forms.py): how often each entity is written each way.
COUNT_TABLES = ("entity_forms",)
# One row, replaced by every night's transaction so that two nights committed at once on a shared catalog conflict
# (sql/lake/lease_release.sql); the lake's own, not shown to analysts.
LEASE_TABLES = ("night_lease",)
# Everything the lake (flows/load/catalog.py) holds for analysts; news.duckdb shows each as a view.
LAKE_TABLES = TABLES + CORRECTION_TABLES + SEARCH_TABLES + COUNT_TABLES


def view_order(marts: Path) -> tuple[str, ...]:
    """The analyst views (one file each in `marts`) in creation order: each after the views its SQL reads (found by
    name, comments aside), ties by file name. A new view needs only its file."""
    texts = {p.stem: re.sub(r"--[^\n]*", "", p.read_text(encoding="utf-8")) for p in sorted(marts.glob("*.sql"))}
    reads = {v: {o for o in texts if o != v and re.search(rf"\b{o}\b", sql)} for v, sql in texts.items()}
    order = TopologicalSorter(reads)
    order.prepare()  # raises CycleError when two views read each other
    out: list[str] = []
    while order.is_active():
        ready = sorted(order.get_ready())
        out.extend(ready)
        order.done(*ready)
    return tuple(out)


VIEWS = view_order(SQL_DIR / "marts")
# Tables whose rows a batch of the pipeline stages (flows/load/commit.py).
BATCH_TABLES = ("articles", "entity_mentions", "quotes", "events", "event_mentions", "event_statistics")
# Tables whose rows all belong to one article: replaced together when that article changes.
ARTICLE_TABLES = BATCH_TABLES + SEARCH_TABLES


def sql_text(*parts: str) -> str:
    return (SQL_DIR.joinpath(*parts)).read_text(encoding="utf-8")


def quoted(text: str) -> str:
    """The inside of a SQL string literal: for the few places DuckDB takes only a literal (a path in ATTACH or COPY
    TO, a secret's fields, a view's file list), never for a value a parameter can bind."""
    return text.replace("'", "''")


def table_sql(table: str, *parts: str) -> str:
    """A statement of sql/ written for any lake table (`$table`), for one: a table name cannot be a parameter."""
    if table not in LAKE_TABLES:
        raise ValueError(f"{table!r} is not a lake table")
    return sql_text(*parts).replace("$table", table)


def ddl(table: str) -> str:
    return sql_text("schema", f"{table}.sql")


@cache
def _all_schemas() -> dict[str, pa.Schema]:
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        schemas = {}
        for table in TABLES + CORRECTION_TABLES + SEARCH_TABLES + COUNT_TABLES:
            con.execute(ddl(table))
            schemas[table] = con.table(table).limit(0).to_arrow_table().schema
        return schemas
    finally:
        con.close()


def schema(table: str) -> pa.Schema:
    return _all_schemas()[table]


def to_table(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts keyed by column) → an Arrow table of exactly the table's schema; unknown keys are an error."""
    sch = schema(table)
    unknown = {k for row in rows for k in row} - set(sch.names)
    if unknown:
        raise ValueError(f"{table}: columns not in sql/schema/{table}.sql: {sorted(unknown)}")
    return pa.Table.from_pylist(rows, schema=sch)
