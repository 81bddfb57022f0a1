"""Nothing lost, nothing clobbered: the warehouse survives damage to its own files, crashed neighbours, killed
runs and folders that are not its own (issue 13). The tests damage a warehouse only through tests/warehouse.py,
so they hold whatever the storage format becomes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from nightdesk.cli import app

from .conftest import REPO
from .night import nightly
from .warehouse import damage_catalog, data_files, orphan_files, query

pytestmark = pytest.mark.e2e

SENTENCES = [
    "Police arrested five protesters in Cairo on Monday, officials said.",
    "\u201cWe will keep talking,\u201d said Ned Price, the State Department spokesman.",
    "Rebels attacked a convoy near Goma on Tuesday, the army said.",
    "The minister met union leaders in Lagos to end the strike.",
]


def night(folder: Path, first: int, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        (folder / f"a{n:03d}.txt").write_text(f"Story {n}. {SENTENCES[n % len(SENTENCES)]}", encoding="utf-8")
    return folder


def articles_and_runs(wh: Path) -> tuple[int, int]:
    return query(wh, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM runs)")[0]


@pytest.mark.parametrize("damage", ["missing", "emptied", "garbage", "partial-restore"])
def test_a_lost_or_damaged_catalog_stops_the_run_and_every_file_stays(prefect_harness, tmp_path, damage):
    wh = tmp_path / "wh"
    nightly(inputs=[str(night(tmp_path / "n1", 0, 2))], warehouse=str(wh))
    nightly(inputs=[str(night(tmp_path / "n2", 2, 2))], warehouse=str(wh))
    assert articles_and_runs(wh) == (4, 2)
    damage_catalog(wh, damage)
    files = data_files(wh)
    result = CliRunner().invoke(app, ["run", "--input", str(night(tmp_path / "n3", 4, 2)), "--warehouse", str(wh)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "To recover" in result.output
    assert str(wh) in result.output
    assert data_files(wh) == files  # nothing deleted, nothing rewritten
    assert articles_and_runs(wh) == (4, 2)  # the database still holds every night
    if damage != "partial-restore":
        # The message's own advice brings the warehouse back, and the next night adds to all of it.
        command = re.search(r"\((gunzip -c \S+ > \S+)\)", result.output.replace("\n", " "))
        assert command, result.output
        subprocess.run(command.group(1), shell=True, check=True)
        nightly(inputs=[str(tmp_path / "n3")], warehouse=str(wh))
        assert articles_and_runs(wh) == (6, 3)


def test_a_crashed_read_write_session_does_not_change_later_nights(tmp_path):
    wh = tmp_path / "wh"
    inputs = night(tmp_path / "n1", 0, 4)
    nightly(inputs=[str(inputs)], warehouse=str(wh))
    before = query(wh, "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM articles)")
    assert before[0][0] > 0
    # An analyst opens the live file read-write, deletes rows and the process dies before any checkpoint.
    crash = (
        "import duckdb, os, sys; con = duckdb.connect(sys.argv[1]); con.execute('PRAGMA disable_checkpoint_on_shutdown');"
        "con.execute('SET checkpoint_threshold = \\'10GB\\''); con.execute('DROP VIEW quotes'); "
        "con.execute('CREATE TABLE quotes AS SELECT 1 AS quote_id'); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", crash, str(wh / "news.duckdb")])
    assert list((wh / ".nights").glob("*.wal"))  # the log of the night the session opened, beside its file
    nightly(inputs=[str(inputs)], warehouse=str(wh))
    nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert query(wh, "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM articles)") == before


def test_a_failed_run_leaves_no_files_behind(tmp_path, monkeypatch):
    """As on a full disk: the lake transaction fails after the night's rows were written to new data files."""
    from nightdesk.load import night as night_module

    wh = tmp_path / "wh"
    nightly(inputs=[str(night(tmp_path / "n1", 0, 2))], warehouse=str(wh))
    files = set(data_files(wh))

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(night_module, "add_quote_terms", full_disk)
    with pytest.raises(OSError, match="No space left"):
        nightly(inputs=[str(night(tmp_path / "n2", 2, 2))], warehouse=str(wh))
    assert set(data_files(wh)) == files  # the rolled-back transaction's data files and the staged ones are gone
    monkeypatch.undo()
    assert articles_and_runs(wh) == (2, 1)
    # The next run that commits records the failed one, with its reason, and counts nothing for it.
    nightly(inputs=[str(night(tmp_path / "n3", 4, 1))], warehouse=str(wh))
    rows = query(wh, "SELECT status, error, articles_seen, articles_loaded FROM runs ORDER BY started_at")
    assert [r[0] for r in rows] == ["completed", "failed", "completed"]
    assert "No space left on device" in rows[1][1] and rows[1][2:] == (0, 0)


def test_a_compaction_on_a_full_disk_keeps_the_night_and_the_next_run_compacts(tmp_path, monkeypatch):
    from nightdesk.load import catalog, compact

    def snapshots(wh: Path) -> list[str | None]:
        con = catalog.connect(catalog.location(wh), read_only=True)
        try:
            return [s.note for s in catalog.snapshots(con)]
        finally:
            con.close()

    def full_disk(name: str) -> None:  # inside the compaction's transaction, after its files were written
        if name == "compact":
            raise duckdb.IOException("Could not write file: No space left on device")

    monkeypatch.setenv("NIGHTDESK_COMPACT_FILES", "2")
    wh = tmp_path / "wh"
    nightly(inputs=[str(night(tmp_path / "n1", 0, 2))], warehouse=str(wh))
    monkeypatch.setattr(compact, "checkpoint", full_disk)
    second = nightly(inputs=[str(night(tmp_path / "n2", 2, 2))], warehouse=str(wh))
    assert second.articles_loaded == 2 and articles_and_runs(wh) == (4, 2)  # committed and shown
    # Rolled back; the files it wrote are named by no snapshot, and the next run deletes them.
    assert "compaction" not in snapshots(wh) and orphan_files(wh)
    monkeypatch.setattr(compact, "checkpoint", lambda name: None)
    nightly(inputs=[str(night(tmp_path / "n3", 4, 1))], warehouse=str(wh))
    assert "compaction" in snapshots(wh) and articles_and_runs(wh) == (5, 3)
    assert orphan_files(wh) == []


def test_a_folder_of_other_data_is_refused_and_left_as_it_was(prefect_harness, tmp_path):
    inputs = night(tmp_path / "n1", 0, 1)
    foreign = tmp_path / "project"
    (foreign / "lake" / "quotes").mkdir(parents=True)
    con = duckdb.connect(str(foreign / "news.duckdb"))
    con.execute("CREATE TABLE mine AS SELECT 42 AS answer")
    con.close()
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS x) TO '{foreign / 'lake' / 'quotes' / 'mine.parquet'}' (FORMAT parquet)")
    con.close()
    before = {str(p): p.read_bytes() for p in foreign.rglob("*") if p.is_file()}
    with pytest.raises(Exception, match="not a nightdesk warehouse"):
        nightly(inputs=[str(inputs)], warehouse=str(foreign))
    result = CliRunner().invoke(app, ["run", "--input", str(inputs), "--warehouse", str(foreign)])
    assert result.exit_code == 1 and "is not a nightdesk warehouse" in result.output and "news.duckdb" in result.output
    assert {str(p): p.read_bytes() for p in foreign.rglob("*") if p.is_file()} == before
    # An empty folder becomes a warehouse, and stays one for the next run.
    empty = tmp_path / "empty"
    empty.mkdir()
    nightly(inputs=[str(inputs)], warehouse=str(empty))
    nightly(inputs=[str(inputs)], warehouse=str(empty))
    assert articles_and_runs(empty) == (1, 2)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] if Path(f"/proc/{pid}/stat").exists() else "X"
    return state != "Z"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_killing_only_the_main_process_leaves_no_worker_and_no_lock(prefect_harness, tmp_path):
    wh = tmp_path / "wh"
    inputs = night(tmp_path / "n1", 0, 12)  # enough for the worker pool
    env = dict(os.environ, NIGHTDESK_PAUSE_AT="transform", NIGHTDESK_PAUSE_SECONDS="300", NIGHTDESK_PROCESSES="2")
    args = [sys.executable, "-m", "nightdesk.cli", "run", "--input", str(inputs), "--warehouse", str(wh)]
    proc = subprocess.Popen(
        args, cwd=REPO, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        for line in proc.stderr:
            if "paused at transform" in line or time.monotonic() > deadline:
                break
        own = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        workers = [p for p in _children(proc.pid) if Path(f"/proc/{p}/cmdline").read_bytes() == own]  # forked ones
        assert len(workers) == 2, workers
        os.kill(proc.pid, signal.SIGKILL)  # as the OOM killer does: the main process only
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(p) for p in workers), "transform workers outlived their run"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # Prefect's temporary server, and workers if the test failed
        except ProcessLookupError:
            pass
    summary = nightly(inputs=[str(inputs)], warehouse=str(wh))  # not turned away by a dead run's lock
    assert summary.articles_loaded == 12


def test_an_input_neither_loaded_nor_rejected_fails_the_run_instead_of_vanishing(tmp_path, monkeypatch):
    from nightdesk.extract import discover

    wh = tmp_path / "wh"
    inputs = tmp_path / "n1"
    inputs.mkdir()
    (inputs / "feed.jsonl").write_text(
        "\n".join(f'{{"id": "r{i}", "text": "{SENTENCES[i]}"}}' for i in range(3)), encoding="utf-8"
    )
    nightly(inputs=[str(night(tmp_path / "n0", 0, 1))], warehouse=str(wh))
    real = discover.read_records
    monkeypatch.setattr(discover, "read_records", lambda *a, **k: iter(list(real(*a, **k))[:-1]))  # a reader bug
    with pytest.raises(Exception, match="run_counts_reconcile"):
        nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert articles_and_runs(wh) == (1, 1)


def test_an_article_over_its_time_budget_is_not_parsed_again_until_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NIGHTDESK_ARTICLE_SECONDS", "1")
    wh = tmp_path / "wh"
    inputs = night(tmp_path / "n1", 0, 1)
    slow = inputs / "slow.txt"
    slow.write_text("Officials said. " + "ab=" * 12_000, encoding="utf-8")
    first = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert (first.articles_loaded, first.articles_rejected) == (1, 1)
    assert "time budget" in first.rejections[0].reason
    second = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert (second.articles_unchanged, second.articles_rejected_before, second.articles_rejected) == (2, 1, 0)
    assert second.timings["transform"] < 1
    slow.write_text("Officials said the talks would resume.", encoding="utf-8")  # changed: tried again
    third = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert (third.articles_loaded, third.articles_rejected) == (1, 0)
    assert query(wh, "SELECT count(*) FROM rejected_inputs WHERE final") == [(1,)]


def test_a_night_committed_but_not_published_shows_at_the_next_run(tmp_path, monkeypatch):
    """A full disk after the commit, while news.duckdb is written: the run fails saying the night is in the lake,
    analysts keep the previous night, and the next run publishes it before its own."""
    from nightdesk.load import analyst

    wh = tmp_path / "wh"
    nightly(inputs=[str(night(tmp_path / "n1", 0, 2))], warehouse=str(wh))

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(analyst, "create_search_macros", full_disk)
    with pytest.raises(Exception, match=r"the night is committed to the lake .* No space left on device"):
        nightly(inputs=[str(night(tmp_path / "n2", 2, 2))], warehouse=str(wh))
    assert articles_and_runs(wh) == (2, 1)  # the live file is the previous night's
    assert [p.name for p in wh.iterdir() if ".building-" in p.name] == []
    monkeypatch.undo()
    nightly(inputs=[str(night(tmp_path / "n3", 4, 1))], warehouse=str(wh))
    rows = query(wh, "SELECT status, articles_loaded FROM runs ORDER BY started_at")
    assert rows == [("completed", 2), ("completed", 2), ("completed", 1)]
    assert articles_and_runs(wh) == (5, 3)
