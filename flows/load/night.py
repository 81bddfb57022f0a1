"""One night in the lake: one transaction that deletes the rows of the articles the night changed, inserts its rows,
updates the entity tables, records the run, applies the people's entity corrections, and runs the data checks on
what the night wrote before it commits. Nothing is rebuilt: the cost follows the night, not the warehouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from flows.faults import checkpoint
from flows.load.catalog import ALIAS
from flows.load.corrections import apply_corrections, read_corrections
from flows.load.fts import load_fts
from flows.load.schemas import (
    ARTICLE_TABLES,
    BATCH_TABLES,
    LAKE_TABLES,
    REFERENCE_TABLES,
    ddl,
    sql_text,
    table_sql,
    to_table,
)
from flows.load.warehouse import CheckResult, DataCheckFailed, run_checks
from flows.transform.registry import Registry

NIGHT = "night"  # the in-memory database whose views show the checks the small tables whole
# Tables the checks read whole: small, or read in full by no check.
WHOLE = ("entities", "entity_aliases", "runs", "rejected_inputs", "entity_corrections")


def _night_views(con: duckdb.DuckDBPyConnection, staged: list[str], seeds_dir: Path) -> None:
    """The `night` database: views of the small tables, the reference tables, and the ids of every article the
    night's files name (in any table: a row whose article is missing must be seen to fail). Made before the
    transaction, which may write only the lake (and temporary tables: see _night_rows)."""
    con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {NIGHT}")
    if staged:
        con.execute(sql_text("lake", "night_articles.sql"), {"files": staged})
    else:
        con.execute(sql_text("lake", "no_night_articles.sql"))
    for table in WHOLE:
        con.execute(table_sql(table, "lake", "night_whole_view.sql"))
    con.execute(f"USE {NIGHT}")
    try:
        for table in REFERENCE_TABLES:
            con.execute(sql_text("lake", "drop_night_table.sql").replace("$table", table))
            con.execute(sql_text("load", f"{table}.sql"), {"path": str(Path(seeds_dir) / f"{table}.csv")})
    finally:
        con.execute(f"USE {ALIAS}")


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    if data.num_rows:
        con.register("incoming", data)
        try:
            con.execute(table_sql(table, "lake", "insert_registered.sql"))
        finally:
            con.unregister("incoming")


def _night_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Inside the transaction: the night's articles' rows, as the transaction left them (corrections applied), copied
    once into temporary tables of the tables' own names, so that each check reads a few rows instead of scanning
    the lake again."""
    for table in BATCH_TABLES:
        con.execute(table_sql(table, "lake", "night_rows.sql"))


def _checked_commit(con: duckdb.DuckDBPyConnection, write: Callable[[], None], message: str, info: str | None) -> list:
    """Run `write` in one lake transaction, then the data checks on the night's rows; commit only when they pass
    (the snapshot named `message`), else roll back and raise DataCheckFailed."""
    con.execute("BEGIN")
    try:
        write()
        _night_rows(con)
        # Unqualified names in sql/checks: the night's rows (temp), then the small tables (night).
        con.execute(f"SET search_path = 'temp.main,{NIGHT}.main'")
        try:
            results = run_checks(con)
        finally:
            con.execute("RESET search_path")
            con.execute(f"USE {ALIAS}")
        failed = [r for r in results if r.violations]
        if failed:
            lines = [f"{r.name}: {r.violations} violating rows, e.g. {r.sample}" for r in failed]
            raise DataCheckFailed("data checks failed; nothing was committed:\n" + "\n".join(lines))
        con.execute(sql_text("lake", "commit_message.sql"), {"message": message, "info": info})
        checkpoint("load")  # a kill here, inside the transaction, must leave the last snapshot
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    return results


def _touched_entities(con: duckdb.DuckDBPyConnection, mention_files: list[str]) -> pa.Table:
    """The entities whose mentions the night removes or adds: the only ones whose names can change tonight."""
    ids = {r[0] for r in con.execute(sql_text("lake", "entities_of_gone_articles.sql")).fetchall()}
    if mention_files:
        ids |= {
            r[0] for r in con.execute(sql_text("lake", "entities_of_files.sql"), {"files": mention_files}).fetchall()
        }
    return pa.table({"entity_id": pa.array(sorted(ids), pa.string())})


def apply_night(
    con: duckdb.DuckDBPyConnection,
    warehouse: Path,
    run_id: str,
    staged: dict[str, list[str]],
    replaced: set[str],
    registry: Registry,
    run_rows: list[dict],
    rejected_rows: list[dict],
    seeds_dir: Path,
) -> tuple[list[CheckResult], dict[str, int]]:
    """Write and commit the night; returns the checks' results and the lake's row counts after it. A failed check
    rolls everything back and raises DataCheckFailed."""
    corrections = read_corrections(warehouse)  # a wrong line stops the run before the transaction
    _night_views(con, [f for t in ARTICLE_TABLES for f in staged.get(t, [])], seeds_dir)
    con.register("gone", pa.table({"article_id": pa.array(sorted(replaced), pa.string())}))
    con.register("touched_entities", _touched_entities(con, staged.get("entity_mentions", [])))
    search_stopwords(con)

    def write() -> None:
        for table in ARTICLE_TABLES:
            if replaced:
                con.execute(table_sql(table, "lake", "delete_articles.sql"))
            if staged.get(table):
                con.execute(table_sql(table, "lake", "insert_files.sql"), {"files": staged[table]})
        if staged.get("quotes"):
            add_quote_terms(con, sql_text("search", "quote_terms.sql"), {"files": staged["quotes"]})
        registry.choose_canonical_names(con.execute(sql_text("registry", "mention_forms.sql")).fetchall())
        if registry.changed:
            # Only the rows that differ are replaced: the night's growth follows what it changed, not the registry.
            for table, rows, name in (
                ("entities", registry.entity_rows(), "entities"),
                ("entity_aliases", registry.alias_rows(), "aliases"),
            ):
                con.register("incoming", to_table(table, rows))
                try:
                    con.execute(sql_text("lake", f"{name}_replace_changed.sql"))
                    con.execute(sql_text("lake", f"{name}_insert_changed.sql"))
                finally:
                    con.unregister("incoming")
        _insert(con, "runs", to_table("runs", run_rows))
        _insert(con, "rejected_inputs", to_table("rejected_inputs", rejected_rows))
        _correct(con, corrections)

    results = _checked_commit(con, write, run_id, f'{{"run_id": "{run_id}"}}')
    return results, row_counts(con)


def _correct(con: duckdb.DuckDBPyConnection, corrections) -> None:
    # Every correction again each night, so that no later night undoes one; each step is a filtered UPDATE, INSERT
    # or DELETE, which writes nothing where no row names the entity.
    con.execute(table_sql("entity_corrections", "lake", "delete_all.sql"))
    con.execute(f"USE {ALIAS}")
    apply_corrections(con, corrections)


def add_quote_terms(con: duckdb.DuckDBPyConnection, select: str, params: dict) -> None:
    """Insert the search terms `select` finds (sql/search/quote_terms.sql over some quotes) into the lake."""
    _insert(con, "quote_terms", con.execute(select, params).to_arrow_table())


def search_stopwords(con: duckdb.DuckDBPyConnection) -> None:
    """Register `stopwords`: the fts extension's English list, taken from an index it builds over nothing, so that
    the terms are exactly what its own index would hold."""
    scratch = duckdb.connect()
    try:
        load_fts(scratch)
        scratch.execute(ddl("quotes"))
        scratch.execute(sql_text("search", "quotes_fts_index.sql"))
        words = scratch.execute(sql_text("search", "fts_stopwords.sql")).to_arrow_table()
    finally:
        scratch.close()
    load_fts(con)
    con.register("stopwords", words)


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(table_sql(t, "lake", "count_rows.sql")).fetchone()[0] for t in LAKE_TABLES}


def correct(con: duckdb.DuckDBPyConnection, warehouse: Path, seeds_dir: Path) -> None:
    """Apply the warehouse's corrections.csv to the lake now, in a snapshot of its own (checked like a night)."""
    corrections = read_corrections(warehouse)
    _night_views(con, [], seeds_dir)
    _checked_commit(con, lambda: _correct(con, corrections), "entity corrections", None)
