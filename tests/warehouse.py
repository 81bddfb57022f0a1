"""Reading a built warehouse in tests: one read-only connection per question, closed at once."""

from __future__ import annotations

from pathlib import Path

import duckdb

ARTICLE_TABLES = ("articles", "entities", "entity_aliases", "entity_mentions", "quotes", "events")


def query(wh: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(wh / "news.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def snapshot(wh: Path) -> dict[str, list[str]]:
    """Every row of the article-derived tables, comparable across runs (articles without their run_id)."""
    return {
        t: sorted(map(repr, query(wh, f"SELECT * EXCLUDE (run_id) FROM {t}" if t == "articles" else f"SELECT * FROM {t}")))
        for t in ARTICLE_TABLES
    }
