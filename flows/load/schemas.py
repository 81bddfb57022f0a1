"""One Arrow schema per table, derived from the table's DDL in sql/schema/ so the two can never disagree.

The writer (lake), the loader (warehouse) and the tests all take their schema from here.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from flows.settings import SQL_DIR

# Load order: parents before children, so a reader of a partly built database never sees orphans.
TABLES = (
    "articles",
    "entities",
    "entity_aliases",
    "entity_mentions",
    "quotes",
    "events",
    "runs",
    "rejected_inputs",
)
# Reference tables copied from seeds/<name>.csv on every build (sql/load/<name>.sql creates them); not in the lake.
REFERENCE_TABLES = ("plover_types",)
# Analyst views (sql/marts/), in creation order: a view comes after the views it reads.
VIEWS = (
    "who_said_what",
    "entity_daily_mentions",
    "event_timeline",
    "entity_cooccurrence",
    "top_speakers_per_entity",
    "quotes_mentioning_entity",
    "events_per_location_week",
    "entity_first_seen",
)
# Tables whose rows all belong to one article: replaced together when that article changes.
ARTICLE_TABLES = ("articles", "entity_mentions", "quotes", "events")


def sql_text(*parts: str) -> str:
    return (SQL_DIR.joinpath(*parts)).read_text(encoding="utf-8")


def ddl(table: str) -> str:
    return sql_text("schema", f"{table}.sql")


@cache
def _all_schemas() -> dict[str, pa.Schema]:
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        schemas = {}
        for table in TABLES:
            con.execute(ddl(table))
            schemas[table] = con.execute(f'SELECT * FROM "{table}" LIMIT 0').to_arrow_table().schema
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
