"""One night in the lake: one transaction that deletes the rows of the articles the night changed, inserts its rows,
updates the entity tables, records the run, applies the people's entity corrections, and runs the data checks on
what the night wrote before it commits. Nothing is rebuilt: the cost follows the night, not the warehouse (copies and
reports of one happening are looked for among the lake's articles and events of the night's own days and weeks)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from nightdesk.faults import checkpoint
from nightdesk.load import clusters, forms, stories
from nightdesk.load.catalog import ALIAS, insert_rows, registered, transaction
from nightdesk.load.corrections import apply_corrections, read_corrections
from nightdesk.load.extensions import connect as own_session
from nightdesk.load.fts import load_fts
from nightdesk.load.registry import Registry
from nightdesk.load.schemas import (
    ARTICLE_TABLES,
    BATCH_TABLES,
    LAKE_TABLES,
    REFERENCE_TABLES,
    ddl,
    sql_text,
    table_sql,
    to_table,
)
from nightdesk.load.warehouse import CheckResult, DataCheckFailed, run_checks
from nightdesk.settings import Settings
from nightdesk.transform.text.names import curated_aliases

NIGHT = "night"  # in memory: the night's rows before they go into the lake, and views of the small tables
# Tables the checks read whole: small, or read in full by no check.
WHOLE = ("entities", "entity_aliases", "runs", "rejected_inputs", "entity_corrections")


def _night_views(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> None:
    """The `night` database: views of the small tables as the transaction leaves them, and the reference tables,
    for the checks. Made before the transaction, which may write only the lake."""
    con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {NIGHT}")
    for table in WHOLE:
        con.execute(table_sql(table, "lake", "night_whole_view.sql"))
    con.execute(f"USE {NIGHT}")
    try:
        for table in REFERENCE_TABLES:
            con.execute(sql_text("lake", "drop_night_table.sql").replace("$table", table))
            con.execute(sql_text("load", f"{table}.sql"), {"path": str(Path(seeds_dir) / f"{table}.csv")})
    finally:
        con.execute(f"USE {ALIAS}")


def _stage_rows(con: duckdb.DuckDBPyConnection, staged: dict[str, list[str]], corrections) -> None:
    """Before the transaction: the night's rows in tables of the `night` database (from the staged files), with every
    correction's steps on article rows applied (they depend on the row and the correction alone). The transaction
    inserts them into the lake and the checks read them there, so neither scans the lake's big tables."""
    for table in BATCH_TABLES:
        if staged.get(table):
            con.execute(table_sql(table, "lake", "stage_rows.sql"), {"files": staged[table]})
        else:
            con.execute(table_sql(table, "lake", "stage_no_rows.sql"))
    _with_search_path(con, f"{NIGHT}.main", lambda: apply_corrections(con, corrections, tables=False))


def _with_search_path(con: duckdb.DuckDBPyConnection, path: str, work: Callable[[], object]):
    """`work()` with unqualified table names looked up in `path` (e.g. 'night.main')."""
    con.execute("SET search_path = $path", {"path": path})
    try:
        return work()
    finally:
        con.execute("RESET search_path")
        con.execute(f"USE {ALIAS}")


def _checked_commit(con: duckdb.DuckDBPyConnection, write: Callable[[], None], message: str, info: str | None) -> list:
    """Run `write` in one lake transaction, then the data checks on the night's rows; commit only when they pass
    (the snapshot named `message`), else roll back and raise DataCheckFailed."""
    with transaction(con):
        con.execute(sql_text("lake", "lease_release.sql"))
        con.execute(sql_text("lake", "lease_take.sql"), {"run_id": message})
        write()
        # Unqualified names in sql/checks: the night's rows, and views of the small tables (night).
        results = _with_search_path(con, f"{NIGHT}.main", lambda: run_checks(con))
        failed = [r for r in results if r.violations]
        if failed:
            lines = [f"{r.name}: {r.violations} violating rows, e.g. {r.sample}" for r in failed]
            raise DataCheckFailed("data checks failed; nothing was committed:\n" + "\n".join(lines))
        con.execute(sql_text("lake", "commit_message.sql"), {"message": message, "info": info})
        checkpoint("load")  # a kill here, inside the transaction, must leave the last snapshot
    return results


def _touched_entities(con: duckdb.DuckDBPyConnection, gone_forms: pa.Table) -> pa.Table:
    """The entities whose mentions the night removes (in `gone_forms`) or adds (the night's mentions, corrected):
    the only ones whose names and counts can change tonight."""
    ids = set(gone_forms.column("entity_id").to_pylist())
    ids |= {r[0] for r in con.execute(sql_text("lake", "entities_of_night.sql")).fetchall()}
    return pa.table({"entity_id": pa.array(sorted(ids), pa.string())})


@dataclass
class Staged:
    """The night before its transaction: its rows in the `night` database (corrected), and what comparing them with
    the lake found (copies to repoint, clusters to rename)."""

    corrections: list
    applied: int  # how many corrections the lake's rows already carry
    moved_stories: pa.Table | None = None
    moved_clusters: pa.Table | None = None


def apply_night(
    con: duckdb.DuckDBPyConnection,
    warehouse: Path,
    run_id: str,
    staged: dict[str, list[str]],
    replaced: set[str],
    registry: Registry,
    run_rows: list[dict],
    rejected_rows: list[dict],
    warning_rows: list[dict],
    seeds_dir: Path,
    steps: dict[str, float] | None = None,
    copy_threshold: float = Settings.model_fields["copy_threshold"].default,
) -> tuple[list[CheckResult], dict[str, int]]:
    """Write and commit the night; returns the checks' results and the lake's row counts after it (and the seconds
    of the steps that compare the night with the lake, into `steps`). A failed check rolls everything back and
    raises DataCheckFailed. The steps, in order (each a function below):
    before the transaction: stage the rows and correct them, find what the replaced articles took away (forms),
    compare the night with the lake (stories, clusters); in it: delete the replaced articles' rows, keep the forms
    and names, write the changed entities, record the run, apply the corrections, repoint stories and clusters,
    insert the night's rows and search terms; then the checks, and the commit."""
    night = stage(con, warehouse, staged, replaced, seeds_dir)
    compare_with_lake(con, night, registry, copy_threshold, steps)

    def write() -> None:
        delete_replaced(con, replaced)
        keep_forms_and_names(con, registry)
        write_entities(con, registry)
        record_run(con, run_rows, rejected_rows, warning_rows)
        _correct(con, night.corrections, night.applied)
        stories.move(con, night.moved_stories)
        clusters.move(con, night.moved_clusters)
        insert_night(con, night)

    results = _checked_commit(con, write, run_id, f'{{"run_id": "{run_id}"}}')
    return results, row_counts(con)


def stage(con: duckdb.DuckDBPyConnection, warehouse: Path, staged, replaced: set[str], seeds_dir: Path) -> Staged:
    """The night's rows in the `night` database, corrected; the forms the replaced articles take away."""
    corrections = read_corrections(warehouse)  # a wrong line stops the run before the transaction
    _night_views(con, seeds_dir)
    _stage_rows(con, staged, corrections)
    night = Staged(corrections, _applied_corrections(con))
    con.register("gone", pa.table({"article_id": pa.array(sorted(replaced), pa.string())}))
    gone = forms.gone_forms(con, bool(replaced))  # a scan of the lake's mentions, only when articles are replaced
    con.register("gone_forms", gone)
    con.register("touched_entities", _touched_entities(con, gone))
    return night


def compare_with_lake(con, night: Staged, registry: Registry, copy_threshold: float, steps: dict | None) -> None:
    """Copies of the lake's stories (stories.py) and reports of its happenings (clusters.py), found before the
    transaction, which may write only the lake."""
    clock = time.perf_counter()
    night.moved_stories = stories.assign(con, copy_threshold)
    lap = time.perf_counter()
    night.moved_clusters = clusters.assign(con, registry.entities, curated_aliases(registry.rules))
    if steps is not None:
        steps.update({"copies": lap - clock, "event clusters": time.perf_counter() - lap})
    search_stopwords(con)


def delete_replaced(con: duckdb.DuckDBPyConnection, replaced: set[str]) -> None:
    """Every row of the articles the night replaces."""
    if forms.missing(con):  # a lake made before entity_forms: counted once, as the last night left it
        forms.recount(con)
    for table in ARTICLE_TABLES if replaced else ():
        con.execute(table_sql(table, "lake", "delete_articles.sql"))


def keep_forms_and_names(con: duckdb.DuckDBPyConnection, registry: Registry) -> None:
    """The touched entities' name counts after the night, and each one's canonical name and type from them."""
    counts = forms.after_night(con)
    registry.choose_canonical_names([tuple(r.values()) for r in counts.to_pylist()])
    forms.replace_touched(con, counts)


def write_entities(con: duckdb.DuckDBPyConnection, registry: Registry) -> None:
    """Only the entity and alias rows that differ are replaced: the night's growth follows what it changed."""
    if not registry.changed:
        return
    for table, rows, name in (
        ("entities", registry.entity_rows(), "entities"),
        ("entity_aliases", registry.alias_rows(), "aliases"),
    ):
        with registered(con, "incoming", to_table(table, rows)):
            con.execute(sql_text("lake", f"{name}_replace_changed.sql"))
            con.execute(sql_text("lake", f"{name}_insert_changed.sql"))


def record_run(con, run_rows: list[dict], rejected_rows: list[dict], warning_rows: list[dict]) -> None:
    insert_rows(con, "runs", to_table("runs", run_rows))
    insert_rows(con, "rejected_inputs", to_table("rejected_inputs", rejected_rows))
    insert_rows(con, "input_warnings", to_table("input_warnings", warning_rows))


def insert_night(con: duckdb.DuckDBPyConnection, night: Staged) -> None:
    """The night's rows and their search terms into the lake."""
    for table in BATCH_TABLES:
        con.execute(table_sql(table, "lake", "insert_staged.sql"))
    if night.applied < len(night.corrections):  # new corrections moved earlier nights' mentions: counted anew, once
        forms.recount(con)
    _with_search_path(con, f"{NIGHT}.main", lambda: add_quote_terms(con, sql_text("search", "quote_terms.sql")))


def _applied_corrections(con: duckdb.DuckDBPyConnection) -> int:
    """How many lines of corrections.csv the lake's rows already carry (entity_corrections lists them)."""
    return con.execute(sql_text("lake", "corrections_applied.sql")).fetchone()[0]


def _correct(con: duckdb.DuckDBPyConnection, corrections, applied: int) -> None:
    """The corrections on the lake: every one on the entity tables (a night may have renamed an entity back), and
    the new ones (after the first `applied`) on the rows of earlier nights too, once. Each step is a filtered
    UPDATE, INSERT or DELETE, which writes nothing where no row names the entity."""
    con.execute(table_sql("entity_corrections", "lake", "delete_all.sql"))
    con.execute(f"USE {ALIAS}")
    apply_corrections(con, corrections, rows=False)
    apply_corrections(con, corrections[applied:], tables=False)


def add_quote_terms(con: duckdb.DuckDBPyConnection, select: str) -> None:
    """Insert the search terms `select` finds (sql/search/quote_terms.sql over the `quotes` the session's search
    path names: the night's, or an old lake's) into the lake."""
    insert_rows(con, "quote_terms", con.execute(select).to_arrow_table())


def search_stopwords(con: duckdb.DuckDBPyConnection) -> None:
    """Register `stopwords`: the fts extension's English list, taken from an index it builds over nothing, so that
    the terms are exactly what its own index would hold."""
    scratch = own_session()
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
    _night_views(con, seeds_dir)
    _stage_rows(con, {}, [])  # no rows of its own: the checks read the entity tables
    applied = _applied_corrections(con)

    def write() -> None:
        _correct(con, corrections, applied)
        if applied < len(corrections):
            forms.recount(con)

    _checked_commit(con, write, "entity corrections", None)
