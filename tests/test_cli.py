"""The command line as a user meets it: every expected condition ends in one line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from typer.testing import CliRunner

from nightdesk.cli import app
from nightdesk.cli import run as run_cli
from nightdesk.load.commit import RunSummary
from nightdesk.load.lock import run_lock

from .conftest import REPO
from .inputs import deny_listing

runner = CliRunner()


@pytest.fixture
def tiny_warehouse(tmp_path: Path) -> Path:
    """news.duckdb with one small table: enough for the read-only commands."""
    con = duckdb.connect(str(tmp_path / "news.duckdb"))
    con.execute(
        "CREATE TABLE articles AS SELECT * FROM (VALUES ('a1', 'First'), ('a2', 'Second')) t(article_id, title)"
    )
    con.close()
    return tmp_path


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_sql_reads_an_argument_a_file_or_standard_input(tiny_warehouse, tmp_path):
    sql = "-- How many articles? A comment first, as in sql/examples/.\nSELECT count(*) AS n FROM articles;\n"
    (tmp_path / "q.sql").write_text(sql, encoding="utf-8")
    wh = ["-w", str(tiny_warehouse), "-f", "json"]
    for args, stdin in ((["sql", sql], None), (["sql", "--file", str(tmp_path / "q.sql")], None), (["sql", "-"], sql)):
        result = runner.invoke(app, args + wh, input=stdin)
        assert result.exit_code == 0, (args, result.output)
        assert json.loads(result.output) == [{"n": 2}]


def test_sql_prints_every_statement_or_refuses_several_in_one_csv(tiny_warehouse):
    wh = ["-w", str(tiny_warehouse)]
    result = runner.invoke(app, ["sql", "SELECT 'alpha' AS x; SET VARIABLE n = 1; SELECT 'beta' AS y", *wh])
    assert result.exit_code == 0, result.output
    assert "result 1 of 2" in result.output and "alpha" in result.output
    assert "result 2 of 2" in result.output and "beta" in result.output
    refused = runner.invoke(app, ["sql", "SELECT 1; SELECT 2", *wh, "-f", "csv"])
    assert refused.exit_code == 1
    assert "--format csv prints one result and this SQL gave 2" in refused.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sql", ""], "the query is empty"),
        (["sql", ";"], "the query is empty"),
        (["sql", "-- only a comment"], "the query is empty"),
        (["sql"], "no query; give one as an argument"),
        (["sql", "SELEC 1"], 'query failed: Parser Error: syntax error at or near "SELEC"'),
        (["sql", "SELECT * FROM nothing_here"], "query failed: Catalog Error"),
        (["sql", "--file", "/no/such.sql"], "cannot read /no/such.sql: No such file or directory"),
        (["sql", "SELECT 1", "--file", "x.sql"], "not both"),
    ],
)
def test_sql_mistakes_are_one_line(tiny_warehouse, args, message):
    result = runner.invoke(app, [*args, "-w", str(tiny_warehouse)])
    assert result.exit_code == 1
    assert message in result.output
    _no_traceback(result)


def test_commands_on_a_missing_warehouse_say_so_in_one_line(tmp_path):
    for args in (["sql", "SELECT 1"], ["search", "drone"], ["export", "--to", str(tmp_path / "bi")]):
        result = runner.invoke(app, [*args, "-w", str(tmp_path / "nowhere")])
        assert result.exit_code == 1, args
        assert f"no warehouse at {tmp_path / 'nowhere' / 'news.duckdb'}: run `nightdesk run" in result.output
        assert result.output.count("\n") == 1
        _no_traceback(result)


def test_search_refuses_an_impossible_date_without_showing_sql(tiny_warehouse):
    result = runner.invoke(app, ["search", "drone", "--since", "2021-13-01", "-w", str(tiny_warehouse)])
    assert result.exit_code == 2
    assert "Invalid value for '--since'" in result.output and "SELECT" not in result.output


def test_run_with_a_missing_input_fails_at_once_and_creates_nothing(tmp_path):
    started = time.monotonic()
    result = runner.invoke(app, ["run", "--input", str(tmp_path / "nws"), "--warehouse", str(tmp_path / "wh")])
    assert result.exit_code == 1
    assert f"nightdesk run failed: input {tmp_path / 'nws'} does not exist" in result.output
    assert not (tmp_path / "wh").exists()
    assert time.monotonic() - started < 5  # before Prefect's server or spaCy start
    _no_traceback(result)


def test_run_with_a_file_for_warehouse_says_so(tmp_path, seed_input):
    (tmp_path / "news.duckdb").write_bytes(b"")
    result = runner.invoke(app, ["run", "--input", str(seed_input), "--warehouse", str(tmp_path / "news.duckdb")])
    assert result.exit_code == 1
    assert f"--warehouse {tmp_path / 'news.duckdb'} is a file; give the folder" in result.output


def test_run_with_an_unreadable_input_folder_fails(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    deny_listing(monkeypatch, folder)
    result = runner.invoke(app, ["run", "--input", str(folder), "--warehouse", str(tmp_path / "wh")])
    assert result.exit_code == 1
    assert f"input {folder} cannot be read: Permission denied" in result.output
    assert not (tmp_path / "wh").exists()


def test_a_second_run_is_turned_away_at_once_in_one_line(tmp_path, seed_input):
    wh = tmp_path / "wh"
    wh.mkdir()
    with run_lock(wh, "night-one"):  # another process's run (flock: this test process holds it)
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "nightdesk.cli", "run", "--input", str(seed_input), "--warehouse", str(wh)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        took = time.monotonic() - started
    assert proc.returncode == 1
    assert proc.stderr.startswith(
        f"nightdesk run failed: another nightdesk run is writing {wh} (run night-one by pid {os.getpid()}"
    )
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert took < 10, f"{took:.1f} s: the second run should not start Prefect or spaCy first"


def test_serve_refuses_a_bad_schedule_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    bad_cron = runner.invoke(app, ["serve", "--cron", "0 2 * *", "--input", str(tmp_path)])
    assert bad_cron.exit_code == 2 and 'Invalid cron string: "0 2 * *"' in bad_cron.output
    bad_zone = runner.invoke(app, ["serve", "--timezone", "Mars/Base", "--input", str(tmp_path)])
    assert bad_zone.exit_code == 2 and 'Invalid timezone: "Mars/Base"' in bad_zone.output
    no_server = runner.invoke(app, ["serve", "--input", str(tmp_path)])
    assert no_server.exit_code == 1 and "no Prefect server answers at http://127.0.0.1:9/api" in no_server.output


def test_interrupted_message_says_what_the_warehouse_holds():
    before = (b'{"tables": {}}', 11)
    assert "the warehouse is unchanged" in run_cli.interrupted_message(before, before)
    assert "holds the new night" in run_cli.interrupted_message(before, (b"new", 12))
    assert "the next run brings news.duckdb up to date" in run_cli.interrupted_message(before, (b"new", 11))


def test_summary_has_one_row_per_stage_adding_up_to_the_wall_time(monkeypatch):
    now = datetime.now()
    summary = RunSummary(
        "r1",
        "wh",
        now,
        now,
        3,
        2,
        1,
        0,
        tokens=5000,
        timings={"extract": 0.5, "plan": 0.25, "transform": 2.0, "load": 1.0, "report": 0.25},
    )
    console = Console(record=True, width=200)
    monkeypatch.setattr(run_cli, "out", console)
    run_cli.print_summary(summary, wall_seconds=14.0)
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in console.export_text().splitlines()
        if line.count("│") == 3
    }
    assert rows["start-up (Prefect server, imports, model)"] == "10.0 s"
    assert rows["transform"] == "2.0 s, 2,500 tokens/s"
    assert rows["wall time (whole command)"] == "14.0 s"
    assert [k for k in rows if "transform" in k] == ["transform"]


def test_no_telemetry_notice_at_a_terminal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DO_NOT_TRACK", "CI")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # a first run: Prefect would show its notice here
    parent, terminal = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", "import nightdesk, prefect, os; print(os.environ['DO_NOT_TRACK'])"],
            cwd=REPO,
            env=env,
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=120,
        )
        os.set_blocking(parent, False)
        try:
            shown = os.read(parent, 65536).decode(errors="replace")
        except BlockingIOError:
            shown = ""
    finally:
        os.close(terminal)
        os.close(parent)
    assert proc.stdout.strip() == "1"
    assert "anonymous usage data" not in shown


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO '{wh}/news.duckdb' (USE_TMP_FILE false)",
        "COPY (SELECT 1) TO '{wh}/news.duckdb.wal' (USE_TMP_FILE false)",
        "COPY (SELECT 1) TO '{wh}/elsewhere.csv'",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO '{wh}/news.duckdb' (USE_TMP_FILE false)",
        "ATTACH '{wh}/other.duckdb' (READ_WRITE)",
        "SELECT * FROM read_text('/etc/hostname')",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "EXPORT DATABASE '{wh}/dump'",
        "CREATE TABLE t AS SELECT 1",
    ],
)
def test_sql_writes_no_file_reads_no_other_file_and_reaches_no_network(tiny_warehouse, statement):
    before = {p.name: p.read_bytes() for p in tiny_warehouse.iterdir()}
    result = runner.invoke(app, ["sql", statement.format(wh=tiny_warehouse), "--warehouse", str(tiny_warehouse)])
    assert result.exit_code == 1, result.output
    _no_traceback(result)
    assert {p.name: p.read_bytes() for p in tiny_warehouse.iterdir()} == before
    assert (
        runner.invoke(app, ["sql", "SELECT count(*) FROM articles", "--warehouse", str(tiny_warehouse)]).exit_code == 0
    )


def test_sql_still_reads_explains_and_sets_variables(tiny_warehouse):
    sql = "SET VARIABLE wanted = 'a2'; SELECT title FROM articles WHERE article_id = getvariable('wanted'); EXPLAIN ANALYZE SELECT 1"
    result = runner.invoke(app, ["sql", sql, "--warehouse", str(tiny_warehouse)])
    assert result.exit_code == 0, result.output
    assert "Second" in result.output and "EXPLAIN_ANALYZE" in result.output


def test_eval_pronouns_names_a_missing_gold_file(tmp_path):
    result = runner.invoke(app, ["eval", "pronouns", str(tmp_path), "--gold", str(tmp_path / "none.tsv")])
    assert result.exit_code == 2
    assert "no gold file" in result.output and "none.tsv" in result.output
