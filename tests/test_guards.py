"""Issue 31, the checks that need no night: settings checked by type and allowed values before any work, one guard
for the folders nightdesk writes, read-only SQL that calls no writing function, and one-line messages."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from nightdesk.cli import app
from nightdesk.extract.records import make_article
from nightdesk.load.folder import MARKER, NotAWarehouse, check_folder
from nightdesk.settings import SettingError, Settings

# What issue 31 added is imported inside the tests, so that each test fails on its own on the code before it.

runner = CliRunner()


def _one_line(result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


def test_entity_labels_are_read_in_any_case_and_a_label_no_model_gives_is_refused():
    assert Settings.from_env({"NIGHTDESK_ENTITY_LABELS": "person, org,gpe"}).entity_labels == ("PERSON", "ORG", "GPE")
    with pytest.raises(SettingError, match="NIGHTDESK_ENTITY_LABELS.*names PEOPLE"):
        Settings.from_env({"NIGHTDESK_ENTITY_LABELS": "PERSON,people"})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NIGHTDESK_PROCESSES", "64000"),
        ("NIGHTDESK_PROCESSES", "two"),
        ("NIGHTDESK_COPY_THRESHOLD", "7"),
        ("NIGHTDESK_KEEP_DAYS", "0"),
        ("NIGHTDESK_KEEP_NIGHTS", "-1"),
        ("NIGHTDESK_COMPACT_FILES", "1"),
        ("NIGHTDESK_CATALOG", "sqlite:"),
        ("NIGHTDESK_CATALOG", "duckdb:/x.duckdb"),
        ("NIGHTDESK_SEEDS_DIR", "/nonexistent/seeds"),
        ("NIGHTDESK_BATCH_SIZE", "0"),
        ("NIGHTDESK_MAX_PAGE_BYTES", "1e6"),
    ],
)
def test_every_setting_is_checked_before_any_work(name, value):
    from nightdesk.settings import check_environment

    with pytest.raises(SettingError, match=name):
        check_environment({name: value})


def test_a_misspelt_variable_is_named_with_the_one_meant():
    from nightdesk.settings import unknown_variables

    assert unknown_variables({"NIGHTDESK_KEEPDAYS": "3", "NIGHTDESK_KEEP_DAYS": "3", "HOME": "/"}) == [
        "NIGHTDESK_KEEPDAYS (did you mean NIGHTDESK_KEEP_DAYS?)"
    ]


def test_a_wrong_setting_stops_the_run_at_once_before_prefect_starts(tmp_path, monkeypatch):
    monkeypatch.setenv("NIGHTDESK_COPY_THRESHOLD", "7")
    clock = time.monotonic()
    result = runner.invoke(app, ["run", "--warehouse", str(tmp_path / "wh")])
    assert "NIGHTDESK_COPY_THRESHOLD" in _one_line(result)
    assert time.monotonic() - clock < 5 and not (tmp_path / "wh").exists()


def test_no_more_transform_workers_than_chunks(monkeypatch):
    from nightdesk.transform import batch

    asked = []

    class Pool:
        def map(self, work, chunks):
            return [work(c) for c in chunks]

    monkeypatch.setattr(batch, "worker_pool", lambda processes, settings: asked.append(processes) or Pool())
    monkeypatch.setattr(batch, "chunk_rows", lambda chunk, settings: [f"row of {job[0]}" for job in chunk])
    jobs = [(f"a{i}", "text", None, 0) for i in range(3 * batch.CHUNK)]  # 3 chunks
    assert len(list(batch._rows(jobs, 8, Settings()))) == len(jobs)
    assert asked == [3]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://example.com:99999/x",
        "http://example.com:x/",
        "http://[::1/x",
        "mailto:desk@example.org",
        "http:///path",
        "ftp://files.example.org/a",
        "http://exa mple.com/",
        "http://a\u0000b.example/",
    ],
)
def test_a_url_that_names_no_web_page_is_left_out_with_a_warning(url):
    article = make_article({"id": "a", "url": url}, "Police arrested five protesters in Cairo.", "a.jsonl#L1", None)
    assert article.url is None and article.extra["unparsed_url"] == url
    assert [w.field for w in article.warnings] == ["url"]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/world-1?x=1#top",
        "http://localhost:8080/a",
        "example.com/news/1",
        "https://例え.jp/x",
    ],
)
def test_a_web_address_is_kept(url):
    from nightdesk.extract.fields import url_problem

    assert url_problem(url) is None


@pytest.mark.parametrize("value", ["-0001-01-01", "0001-01-01", "20245-01-01", "2024-13-45", "yesterday", True])
def test_a_publication_date_no_archive_carries_leaves_the_article_undated_with_a_warning(value):
    article = make_article({"id": "a", "published": value}, "Police arrested five protesters.", "a.txt", None)
    assert article.published_at is None and article.extra["unparsed_published"] == value
    assert [w.field for w in article.warnings] == ["published"]


def test_a_folder_that_is_no_warehouse_is_never_written_by_corrections(tmp_path):
    from nightdesk.load.folder import require_warehouse

    analyst = tmp_path / "analyst"
    analyst.mkdir()
    con = duckdb.connect(str(analyst / "news.duckdb"))
    con.execute("CREATE TABLE my_notes AS SELECT 'keep me' AS note")
    con.close()
    before = (analyst / "news.duckdb").read_bytes()
    for args in (["merge", "e1", "e2"], ["split", "e1", "--alias", "x"], ["rename", "e1", "New"]):
        result = runner.invoke(app, ["entities", *args, "--warehouse", str(analyst)])
        assert "is not a nightdesk warehouse" in _one_line(result), args
    assert (analyst / "news.duckdb").read_bytes() == before and sorted(p.name for p in analyst.iterdir()) == [
        "news.duckdb"
    ]
    with pytest.raises(NotAWarehouse, match="does not exist"):
        require_warehouse(tmp_path / "nowhere")


def test_nothing_nightdesk_writes_may_live_inside_a_warehouse(tmp_path):
    from nightdesk.load.folder import check_outside

    wh = tmp_path / "wh"
    (wh / "data").mkdir(parents=True)
    (wh / MARKER).write_text("{}", encoding="utf-8")
    for inside in (wh / "data" / "exp1", wh / "exports", wh / "data"):
        with pytest.raises(NotAWarehouse, match="inside the warehouse"):
            check_outside(inside, "--to")
    with pytest.raises(NotAWarehouse, match="inside the warehouse"):
        check_folder(wh / "data" / "nested")
    with pytest.raises(NotAWarehouse, match="inside the lake's data folder"):
        check_outside(tmp_path / "shared-data" / "exp", "--to", (str(tmp_path / "shared-data"),))
    check_outside(tmp_path / "exports", "--to", (str(wh / "data"),))  # beside the warehouse: fine


def test_export_into_the_warehouse_or_its_data_folder_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    (wh / "data").mkdir(parents=True)
    (wh / MARKER).write_text("{}", encoding="utf-8")
    duckdb.connect(str(wh / "news.duckdb")).close()
    for to in (wh / "data" / "exp1", wh / "exp"):
        result = runner.invoke(app, ["export", "--to", str(to), "--warehouse", str(wh)])
        assert "inside the warehouse" in _one_line(result) and not to.exists()
    monkeypatch.setenv("NIGHTDESK_DATA_PATH", str(tmp_path / "lake-data"))
    result = runner.invoke(app, ["export", "--to", str(tmp_path / "lake-data" / "x"), "--warehouse", str(wh)])
    assert "inside the lake's data folder" in _one_line(result)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["serve", "--cron", "0 2 30 2 *"], "never comes round"),
        (["serve", "--name", "a/b"], "may not be empty or hold"),
        (["run", "--since", "2024-02-01", "--until", "2024-01-01"], "is after --until"),
    ],
)
def test_odd_options_are_one_line_not_a_traceback(args, message, monkeypatch, tmp_path):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # no server: the options are checked first
    result = runner.invoke(app, [*args, "--warehouse", str(tmp_path / "wh")])
    assert message in _one_line(result, result.exit_code or 1) and result.exit_code in (1, 2)


def test_an_input_that_is_a_loop_of_links_says_so(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = runner.invoke(app, ["run", "--input", str(tmp_path / "a"), "--warehouse", str(tmp_path / "wh")])
    assert "loop of links" in _one_line(result)


def test_waiting_for_a_run_that_holds_the_lock_says_how_long_it_waited(tmp_path):
    from nightdesk.load.lock import RunInProgress, run_lock

    wh = tmp_path / "wh"
    wh.mkdir()
    pid = os.fork()
    if pid == 0:  # a second process holds the lock, as a running night does
        with run_lock(wh, "20261207T000000-aaaaaa"):
            time.sleep(5)
        os._exit(0)
    try:
        time.sleep(0.5)
        waiting = run_lock(wh, "mine", 1.0)
        with pytest.raises(RunInProgress, match=r"waited 1 s; wait for it to finish or pass a longer --wait"):
            waiting.__enter__()
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


def test_sql_runs_no_function_that_writes_and_still_runs_those_that_read(tmp_path):
    from nightdesk.load.readonly import WriteRefused, refuse_writes

    con = duckdb.connect()
    refused = [
        "CALL ducklake_cleanup_old_files('lake', cleanup_all => true)",
        "SELECT * FROM ducklake_cleanup_old_files('lake', cleanup_all => true)",
        "SELECT * FROM (SELECT * FROM ducklake_expire_snapshots('lake', older_than => now())) AS x",
        "WITH a AS (SELECT * FROM ducklake_delete_orphaned_files('lake')) SELECT 1",
        "SELECT 1 WHERE 1 IN (SELECT count(*) FROM ducklake_merge_adjacent_files('lake'))",
        "SET VARIABLE x = (SELECT count(*) FROM ducklake_rewrite_data_files('lake'))",
        "SELECT * FROM query('SELECT 1')",
        "CALL checkpoint()",
        "PRAGMA force_checkpoint",
        "EXPLAIN ANALYZE SELECT * FROM ducklake_cleanup_old_files('lake')",
    ]
    for sql in refused:
        with pytest.raises(WriteRefused, match="is refused"):
            refuse_writes(con, con.extract_statements(sql))
    allowed = [
        "SELECT * FROM range(3)",
        "CALL duckdb_tables()",
        "CALL pragma_table_info('x')",
        "PRAGMA table_info('x')",
        "SELECT * FROM lake.snapshots()",
        "FROM quote_scores('drone strike')",
        "DESCRIBE articles",
        "SHOW TABLES",
        "SUMMARIZE articles",
        "SET VARIABLE n = 3",
        "WITH a AS (SELECT 1 AS x) SELECT * FROM a",
    ]
    for sql in allowed:
        refuse_writes(con, con.extract_statements(sql))


def test_a_new_file_layout_symlink_keeps_news_duckdb_a_database(tmp_path):
    """news.duckdb is a link to the night's own file: DuckDB opens it, and names its log after the file it leads to."""
    nights = tmp_path / ".nights"
    nights.mkdir()
    duckdb.connect(str(nights / "news-1-a.duckdb")).execute("CREATE VIEW v AS SELECT 1 AS x").close()
    (tmp_path / "news.duckdb").symlink_to(Path(".nights") / "news-1-a.duckdb")
    con = duckdb.connect(str(tmp_path / "news.duckdb"))
    con.execute("SET checkpoint_threshold = '10GB'")
    con.execute("CREATE TABLE t AS SELECT 1")
    assert (nights / "news-1-a.duckdb.wal").exists() and not (tmp_path / "news.duckdb.wal").exists()
    con.close()


def test_settings_come_from_arguments_over_the_environment_over_the_env_file_over_the_defaults(tmp_path, monkeypatch):
    from nightdesk.settings import Settings, sources

    monkeypatch.chdir(tmp_path)
    for name in ("NIGHTDESK_BATCH_SIZE", "NIGHTDESK_KEEP_DAYS", "NIGHTDESK_COMPACT_FILES", "NIGHTDESK_KEEP_NIGHTS"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(
        "NIGHTDESK_BATCH_SIZE=11\nNIGHTDESK_KEEP_DAYS=12\nNIGHTDESK_COMPACT_FILES=13\nOTHER_TOOL=x\n", encoding="utf-8"
    )
    monkeypatch.setenv("NIGHTDESK_KEEP_DAYS", "22")
    monkeypatch.setenv("NIGHTDESK_COMPACT_FILES", "23")
    settings = Settings.load(compact_files=33)
    assert (settings.batch_size, settings.keep_days, settings.compact_files, settings.keep_nights) == (11, 22, 33, 30)
    where = {var: source for var, _value, source in sources(settings, {"compact_files": 33})}
    assert where["NIGHTDESK_COMPACT_FILES"] == "argument"
    assert where["NIGHTDESK_KEEP_DAYS"] == "environment"
    assert where["NIGHTDESK_BATCH_SIZE"].startswith("file ") and where["NIGHTDESK_KEEP_NIGHTS"] == "default"
    (tmp_path / ".env").write_text("NIGHTDESK_BATCH_SIZE=none\n", encoding="utf-8")
    with pytest.raises(SettingError, match="NIGHTDESK_BATCH_SIZE must be a whole number"):
        Settings.load()


def test_no_module_reads_a_setting_from_the_environment_but_settings():
    """Prefect's own variables aside (set before Prefect loads, read where Prefect needs them)."""
    import re

    from .conftest import REPO

    allowed = {"flows/settings.py", "flows/prefect_workarounds.py"}
    found = []
    for path in sorted((REPO / "flows").rglob("*.py")):
        name = str(path.relative_to(REPO))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"os\.environ|os\.getenv", line) and name not in allowed and "PREFECT_" not in line:
                found.append(f"{name}:{n}: {line.strip()}")
    assert found == []
