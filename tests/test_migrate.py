"""A warehouse of the layout before DuckLake (Parquet files named by lake/_manifest.json) moves into the lake on the
first run of this version: every row kept, counted and checksummed per table before and after."""

from __future__ import annotations

import json

import duckdb
import pytest

from nightdesk.load import catalog
from nightdesk.load.migrate import MARKER, checksum_sql
from nightdesk.load.schemas import TABLES

from .night import nightly
from .warehouse import forms_disagree, query

pytestmark = pytest.mark.e2e


def _old_layout(source, target) -> dict[str, tuple[int, int]]:
    """Write the rows of warehouse `source` as a warehouse of the old layout at `target`, two files a table (as
    two nights left them); returns each table's rows and checksum, computed from those files."""
    lake = target / "lake"
    manifest = {}
    figures = {}
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{source / 'news.duckdb'}' AS src (READ_ONLY)")
        for table in TABLES:
            (lake / table).mkdir(parents=True)
            names = [f"{table}/20211107T080000-aaaaaa-b0000{n}.parquet" for n in (0, 1)]
            for n, name in enumerate(names):
                con.execute(
                    f"COPY (SELECT * FROM src.{table} AS t WHERE hash(t) % 2 = {n}) TO '{lake / name}' (FORMAT parquet)"
                )
            manifest[table] = names
            files = ", ".join(f"'{lake / n}'" for n in names)
            figures[table] = tuple(con.execute(checksum_sql(table, f"read_parquet([{files}])")).fetchone())
    finally:
        con.close()
    doc = {"format": 1, "run_id": "20211107T080000-aaaaaa", "tables": manifest}
    (lake / "_manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    (target / ".nightdesk-warehouse").write_text("{}", encoding="utf-8")
    old = duckdb.connect(str(target / "news.duckdb"))  # the full database the old layout rebuilt every night
    try:
        old.execute(f"ATTACH '{source / 'news.duckdb'}' AS src (READ_ONLY)")
        old.execute("CREATE TABLE articles AS SELECT * FROM src.articles")
    finally:
        old.close()
    return figures


def test_the_first_run_moves_an_old_warehouse_into_the_lake_with_every_row(seed_input, tmp_path):
    source, old = tmp_path / "source", tmp_path / "old"
    nightly(inputs=[str(seed_input)], warehouse=str(source))
    before = _old_layout(source, old)
    assert before["quotes"][0] > 10 and before["entity_mentions"][0] > 50

    summary = nightly(inputs=[str(seed_input)], warehouse=str(old))
    assert summary.articles_loaded == 0 and summary.articles_unchanged == 1  # the migrated rows count as loaded

    con = catalog.connect(catalog.location(old), read_only=True)
    try:
        migration = next(s for s in catalog.snapshots(con) if s.note == "migration")
        after = {t: tuple(con.execute(checksum_sql(t, f"lake.{t}")).fetchone()) for t in TABLES if t != "runs"}
        at_migration = catalog.connect(catalog.location(old), read_only=True, snapshot=migration.snapshot_id)
        try:
            migrated = {t: tuple(at_migration.execute(checksum_sql(t, f"lake.{t}")).fetchone()) for t in TABLES}
        finally:
            at_migration.close()
    finally:
        con.close()
    assert migrated == before  # every table, as the old files held it
    assert {t: v for t, v in before.items() if t != "runs"} == after  # the night after changed nothing it needn't
    recorded = json.loads((old / "lake" / MARKER).read_text(encoding="utf-8"))
    assert {t: tuple(v) for t, v in recorded.items()} == before
    assert query(old, "SELECT count(*) FROM runs") == [(2,)]  # the old night and this one
    assert query(old, "SELECT count(*) FROM quote_terms")[0][0] > 0  # search terms made for the old quotes
    assert forms_disagree(old) == []  # the old lake had no entity_forms: the night after counted them
