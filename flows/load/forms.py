"""entity_forms: how often each entity is written each way, kept by each night so that naming the entities a night
touched reads their few count rows, not every mention the lake holds (the scan that made a night's load grow with
the warehouse)."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from nightdesk.load.catalog import insert_rows
from nightdesk.load.schemas import schema, sql_text, table_sql


def gone_forms(con: duckdb.DuckDBPyConnection, replaced: bool) -> pa.Table:
    """The counted name forms of the articles the night replaces (registered `gone`); none when it replaces none."""
    if not replaced:
        return schema("entity_forms").empty_table()
    return con.execute(sql_text("lake", "gone_forms.sql")).to_arrow_table().cast(schema("entity_forms"))


def missing(con: duckdb.DuckDBPyConnection) -> bool:
    """A lake made before entity_forms: mentions of entities but no counts yet."""
    if con.execute(sql_text("lake", "entity_forms_any.sql")).fetchone():
        return False
    return con.execute(sql_text("lake", "entity_mentions_any.sql")).fetchone() is not None


def recount(con: duckdb.DuckDBPyConnection) -> None:
    """entity_forms counted anew from every mention: a full scan, for the rare night that needs it."""
    con.execute(table_sql("entity_forms", "lake", "delete_all.sql"))
    con.execute(sql_text("lake", "entity_forms_from_mentions.sql"))


def after_night(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The touched entities' counts once the night is in (`touched_entities`, `gone_forms` and the night's mentions
    registered); read before `replace_touched` writes them."""
    return con.execute(sql_text("registry", "mention_forms.sql")).to_arrow_table().cast(schema("entity_forms"))


def replace_touched(con: duckdb.DuckDBPyConnection, counts: pa.Table) -> None:
    con.execute(sql_text("lake", "entity_forms_delete_touched.sql"))
    insert_rows(con, "entity_forms", counts)


def mention_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Mentions per entity over the lake (the session's default database): from entity_forms, or from the mentions
    themselves while a lake made before that table has none."""
    rows = con.execute(sql_text("registry", "mention_counts.sql")).fetchall()
    if not rows:
        rows = con.execute(sql_text("registry", "mention_counts_from_mentions.sql")).fetchall()
    return dict(rows)
