"""Reading a built warehouse in tests: one read-only connection per question, closed at once."""

from __future__ import annotations

from pathlib import Path

import duckdb

from nightdesk.load.schemas import TABLES

# The tables of what articles say (their runs, rejections and warnings aside).
ARTICLE_TABLES = tuple(t for t in TABLES if t not in ("runs", "rejected_inputs", "input_warnings"))


def query(wh: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(wh / "news.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


FORMS_DISAGREE = """
    SELECT * FROM (
        SELECT entity_id, mention_text, label, count(*) AS mentions FROM entity_mentions
        WHERE entity_id IS NOT NULL GROUP BY ALL
    ) AS m FULL JOIN entity_forms AS f USING (entity_id, mention_text, label)
    WHERE m.mentions IS DISTINCT FROM f.mentions
"""


def forms_disagree(wh: Path) -> list[tuple]:
    """The entity_forms rows that differ from the mentions counted anew (the night keeps them by adding and
    subtracting): none, when it kept them right."""
    assert query(wh, "SELECT count(*) FROM entity_forms")[0][0] > 0
    return query(wh, FORMS_DISAGREE)


def snapshot(wh: Path) -> dict[str, list[str]]:
    """Every row of the article-derived tables, comparable across runs (articles without their run_id)."""
    return {
        t: sorted(
            map(repr, query(wh, f"SELECT * EXCLUDE (run_id) FROM {t}" if t == "articles" else f"SELECT * FROM {t}"))
        )
        for t in ARTICLE_TABLES
    }


# The only place tests know how the warehouse keeps its state on disk. When the table format changes, these
# helpers change and the tests that damage a warehouse through them stay as they are.
def catalog(wh: Path) -> Path:
    """The file that says which data files are current (the DuckLake catalog, SQLite)."""
    return wh / "catalog.sqlite"


def damage_catalog(wh: Path, how: str) -> None:
    path = catalog(wh)
    if how == "missing":
        path.unlink()
    elif how == "emptied":  # a valid SQLite file without the lake's tables (a tool that "repaired" it)
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_text("\x00garbage", encoding="utf-8")
    elif how == "partial-restore":  # the catalog came back, one of the files it names did not
        next(p for p in (wh / "data" / "main" / "quotes").glob("*.parquet")).unlink()
    else:
        raise ValueError(how)


def data_files(wh: Path) -> dict[str, bytes]:
    """Every data file of the warehouse, by path, with its bytes."""
    return {str(p.relative_to(wh)): p.read_bytes() for p in sorted(wh.rglob("*.parquet"))}


def orphan_files(wh: Path) -> list[str]:
    """Data files under the warehouse that no snapshot of its lake names (what a killed transaction leaves)."""
    from nightdesk.load import catalog

    con = catalog.connect(catalog.location(wh))  # a dry run, but DuckLake asks for a writable session
    try:
        return [
            r[0]
            for r in con.execute(
                "CALL ducklake_delete_orphaned_files('lake', dry_run => true, older_than => now())"
            ).fetchall()
        ]
    finally:
        con.close()


def analyst_tables() -> duckdb.DuckDBPyConnection:
    """An in-memory database with every table the analyst views read, empty, and one article 'a' to hang rows on."""
    from nightdesk.load.analyst import create_reference_tables
    from nightdesk.load.corrections import apply_corrections
    from nightdesk.load.schemas import COUNT_TABLES, SEARCH_TABLES, ddl

    con = duckdb.connect()
    for table in TABLES + SEARCH_TABLES + COUNT_TABLES:
        con.execute(ddl(table))
    apply_corrections(con, [], create=True)
    create_reference_tables(con)
    con.execute(
        "INSERT INTO articles (article_id, text, content_hash, run_id, pipeline_version) VALUES ('a', 'x', 'h', 'r', 'v')"
    )
    return con
