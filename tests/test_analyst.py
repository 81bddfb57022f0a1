"""The analyst's side: views, examples, search, data dictionary, export, and reading during a nightly run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from nightdesk.cli import app
from nightdesk.load.dictionary import describe, to_markdown
from nightdesk.load.export import EXPORTED
from nightdesk.load.schemas import CORRECTION_TABLES, COUNT_TABLES, REFERENCE_TABLES, SEARCH_TABLES, TABLES, VIEWS
from nightdesk.settings import SQL_DIR

from .conftest import REPO, SEED_DIR
from .night import nightly
from .warehouse import query

pytestmark = pytest.mark.e2e
NIGHTDESK = Path(sys.executable).parent / "nightdesk"
SEED_TITLE = "Iraqi Prime Minister Survives Drone Attack on His Home"


@pytest.fixture(scope="module")
def seeds_warehouse(prefect_harness, tmp_path_factory) -> Path:
    wh = tmp_path_factory.mktemp("seeds-wh")
    nightly(inputs=[str(SEED_DIR)], warehouse=str(wh))
    return wh


def test_every_view_and_example_answers(seeds_warehouse):
    for view in VIEWS:
        assert query(seeds_warehouse, f"SELECT count(*) FROM {view}")[0][0] > 0, view
    examples = sorted((SQL_DIR / "examples").glob("*.sql"))
    assert len(examples) >= 12
    answered = {}
    for path in examples:  # as the README says: nightdesk sql --file sql/examples/NN_....sql
        result = CliRunner().invoke(
            app, ["sql", "--file", str(path.relative_to(REPO)), "-w", str(seeds_warehouse), "-f", "json"]
        )
        assert result.exit_code == 0, (path.name, result.output)
        answered[path.stem] = json.loads(result.output)
        assert len(answered[path.stem]) == len(query(seeds_warehouse, path.read_text(encoding="utf-8"))), path.name
    empty = [name for name, rows in answered.items() if not rows]
    assert len(empty) <= 2, empty
    names = answered["12_how_a_name_is_written"]
    assert {"canonical_name": "Mustafa al-Kadhimi", "entity_type": "PERSON", "alias": "Mr al-Kadhimi"} in [
        {k: r[k] for k in ("canonical_name", "entity_type", "alias")} for r in names
    ]


def test_an_example_pasted_with_cat_runs_through_the_installed_command(seeds_warehouse):
    # The files start with a "-- comment" line, which a command line would take for an option.
    example = "sql/examples/01_most_mentioned_people.sql"
    shell = f'"{NIGHTDESK}" sql "$(cat {example})" --warehouse "{seeds_warehouse}" --format csv'
    result = subprocess.run(["bash", "-c", shell], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "canonical_name,mentions,articles" and len(result.stdout.splitlines()) > 5


def test_the_duckdb_command_opens_the_warehouse_read_only_as_the_readme_says(seeds_warehouse):
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "duckdb"),
            "-readonly",
            str(seeds_warehouse / "news.duckdb"),
            "-csv",
            "-c",
            "SELECT count(*) AS quotes FROM who_said_what",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["quotes", str(query(seeds_warehouse, "SELECT count(*) FROM quotes")[0][0])]


def test_search_ranks_the_seed_drone_quotes_first(seeds_warehouse):
    result = CliRunner().invoke(app, ["search", "drone", "--warehouse", str(seeds_warehouse), "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert hits and all(h["title"] == SEED_TITLE for h in hits[:3])
    assert "drone" in hits[0]["content"].lower()
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    only_maan = json.loads(
        CliRunner()
        .invoke(app, ["search", "drone", "-w", str(seeds_warehouse), "--speaker", "maan", "-f", "json"])
        .output
    )
    assert [h["speaker"] for h in only_maan] == ["Saad Maan"]
    none_before = json.loads(
        CliRunner()
        .invoke(app, ["search", "drone", "-w", str(seeds_warehouse), "--until", "2000-01-01", "-f", "json"])
        .output
    )
    assert none_before == []


def test_search_scores_equal_those_of_an_fts_index_built_over_the_same_quotes(seeds_warehouse):
    """quote_terms, kept by each night, gives the BM25 scores DuckDB's fts extension gives when it indexes every
    quote afresh (what news.duckdb held before the lake)."""
    from nightdesk.load.fts import load_fts
    from nightdesk.load.schemas import sql_text

    con = duckdb.connect()
    try:
        load_fts(con)
        con.execute(f"ATTACH '{seeds_warehouse / 'news.duckdb'}' AS wh (READ_ONLY)")
        con.execute("CREATE TABLE quotes AS SELECT quote_id, content, speaker_text FROM wh.quotes")
        con.execute(sql_text("search", "quotes_fts_index.sql"))
        for words in ("drone strike", "prime minister said", "the Kadhimi government's response", "zzzz"):
            con.execute("USE memory")
            fts = con.execute(
                "SELECT quote_id, fts_main_quotes.match_bm25(quote_id, $q) AS s FROM quotes "
                "WHERE s IS NOT NULL ORDER BY quote_id",
                {"q": words},
            ).fetchall()
            con.execute("USE wh")
            ours = con.execute(
                "SELECT quote_id, score FROM quote_scores($q) ORDER BY quote_id", {"q": words}
            ).fetchall()
            assert [q for q, _ in ours] == [q for q, _ in fts], words
            assert all(abs(a - b) < 1e-9 for (_, a), (_, b) in zip(ours, fts, strict=True)), words
            assert (len(fts) > 0) == (words != "zzzz")
    finally:
        con.close()


def test_data_dictionary_is_complete_and_docs_are_in_step():
    relations = describe()
    assert [r.name for r in relations] == list(
        TABLES + REFERENCE_TABLES + CORRECTION_TABLES + SEARCH_TABLES + COUNT_TABLES + VIEWS
    )
    for rel in relations:
        assert rel.comment, rel.name
        missing = [c for c, _t, m in rel.columns if not m]
        assert not missing, f"{rel.name}: no comment on {missing}"
    docs = (REPO / "docs" / "warehouse.md").read_text(encoding="utf-8")
    assert docs.strip() == to_markdown(relations).strip(), "docs/warehouse.md drifted: run nightdesk schema --markdown"


def test_export_twice_replaces_and_reads_back_partitioned(seeds_warehouse, tmp_path):
    out = tmp_path / "bi"
    first = CliRunner().invoke(app, ["export", "--to", str(out), "-w", str(seeds_warehouse)])
    assert first.exit_code == 0, first.output
    stale = out / "quotes" / "published_month=1999-01"
    stale.mkdir()
    (stale / "part-0.parquet").write_bytes(b"stale")
    second = CliRunner().invoke(app, ["export", "--to", str(out), "-w", str(seeds_warehouse)])
    assert second.exit_code == 0 and first.output == second.output
    assert not stale.exists()
    empty = []
    for name in EXPORTED:
        expected = query(seeds_warehouse, f"SELECT count(*) FROM {name}")[0][0]
        columns = [
            c
            for (c,) in query(
                seeds_warehouse,
                "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
                {"t": name},
            )
        ]
        data = ds.dataset(out / name, format="parquet", partitioning="hive").to_table()
        assert data.num_rows == expected and data.schema.names == [*columns, "published_month"], name
        via_duckdb = duckdb.sql(
            f"SELECT count(*), count(DISTINCT published_month) FROM read_parquet('{out / name}/*/*.parquet', hive_partitioning = true)"
        ).fetchone()
        assert via_duckdb[0] == expected and (via_duckdb[1] >= 1) == (expected > 0), name
        if expected == 0:
            empty.append(name)
            assert [p.relative_to(out / name).as_posix() for p in (out / name).rglob("*.parquet")] == [
                "published_month=unknown/part-0.parquet"
            ]
    assert empty == [
        "event_statistics",  # the seeds give no statistic
        "rejected_inputs",
        "input_warnings",
        "entity_corrections",
    ]  # none yet: a table without rows is still readable
    assert {p.name for p in (out / "entity_cooccurrence").iterdir()} == {"published_month=all"}
    months = {p.name for p in (out / "articles").iterdir()}
    assert months == {
        "published_month=2021-11",
        "published_month=2006-02",
        "published_month=2007-03",
        "published_month=2008-01",
        "published_month=2010-10",
        "published_month=2011-03",
        "published_month=2014-07",
        "published_month=2015-08",
        "published_month=2015-09",
        "published_month=2016-09",
        "published_month=2017-07",
        "published_month=2018-06",
        "published_month=2023-02",
    }


def test_export_never_deletes_or_overwrites_what_it_did_not_write(seeds_warehouse, tmp_path):
    def files(folder):
        return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    def export_to(folder):
        return CliRunner().invoke(app, ["export", "--to", str(folder), "-w", str(seeds_warehouse)])

    mine = tmp_path / "mine"
    (mine / "quotes").mkdir(parents=True)
    (mine / "quotes" / "notes.txt").write_text("my notes", encoding="utf-8")
    (mine / "README.md").write_text("my readme", encoding="utf-8")
    (mine / "runs").mkdir()
    lake_before, mine_before = files(seeds_warehouse / "lake"), files(mine)
    for target in (mine, seeds_warehouse / "lake", seeds_warehouse, seeds_warehouse / "lake" / "quotes"):
        result = export_to(target)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert files(mine) == mine_before and [p.name for p in mine.iterdir() if p.name.startswith(".")] == []
    assert files(seeds_warehouse / "lake") == lake_before
    # A folder an export made is replaced by the next export, unless someone put a file of their own in it.
    bi = tmp_path / "bi"
    assert export_to(bi).exit_code == 0 and export_to(bi).exit_code == 0
    (bi / "quotes" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = export_to(bi)
    assert refused.exit_code == 1 and "quotes/notes.txt" in refused.output
    assert (bi / "quotes" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_export_readme_examples_run_as_written(seeds_warehouse, tmp_path):
    out = tmp_path / "bi"
    assert CliRunner().invoke(app, ["export", "--to", str(out), "-w", str(seeds_warehouse)]).exit_code == 0
    readme = (out / "README.md").read_text(encoding="utf-8")
    blocks = {lang: body for lang, body in re.findall(r"```(sql|python)\n(.*?)```", readme, flags=re.S)}
    assert set(blocks) == {"sql", "python"}
    duck = subprocess.run(
        [str(Path(sys.executable).parent / "duckdb"), "-csv", "-c", blocks["sql"]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert duck.returncode == 0, duck.stderr
    assert duck.stdout.splitlines()[0] == "speaker,quotes" and len(duck.stdout.splitlines()) == 11
    py = subprocess.run([sys.executable, "-c", blocks["python"]], capture_output=True, text=True, timeout=60)
    assert py.returncode == 0, py.stderr
    assert py.stdout.split()[0] == str(query(seeds_warehouse, "SELECT count(*) FROM quotes")[0][0])


READER = textwrap.dedent(
    """
    import duckdb, sys, time, pathlib
    db, stop = sys.argv[1], pathlib.Path(sys.argv[2])
    con = duckdb.connect(db, read_only=True)
    answers = []
    print("ready", flush=True)
    while not stop.exists():
        answers.append(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        time.sleep(0.05)
    answers.append(con.execute("SELECT count(*) FROM who_said_what").fetchone()[0])
    print(min(answers[:-1]), max(answers[:-1]), len(answers), answers[-1], flush=True)
    """
)


def test_a_reader_holding_the_database_open_does_not_block_the_nightly_run(seed_input, tmp_path):
    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh))
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(wh / "news.duckdb"), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        (seed_input / "more.txt").write_text(
            "Ned Price said on Monday that talks with Iran would resume.", encoding="utf-8"
        )
        summary = nightly(inputs=[str(seed_input)], warehouse=str(wh))  # rebuilds and swaps news.duckdb
        assert summary.articles_loaded == 1
        time.sleep(0.3)
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    finally:
        reader.kill()
    assert reader.returncode == 0
    low, high, answers, quotes = map(int, out.split())
    assert (low, high) == (1, 1) and answers > 3 and quotes > 0  # the open session kept its snapshot, answering
    assert query(wh, "SELECT count(*) FROM articles") == [(2,)]  # a new session sees the new night
