"""Nothing lost, second round (issue 31): corrections and exports never clobber, the clock never decides history,
ids survive edits, two different stories never share an id, and a session's log never lands on another night."""

from __future__ import annotations

import gzip
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nightdesk.cli import app

from .night import nightly
from .warehouse import catalog, damage_catalog, data_files, query

pytestmark = pytest.mark.e2e
runner = CliRunner()

STORIES = [
    "Police arrested five protesters in Cairo on Monday, officials said.",
    "\u201cWe will keep talking,\u201d said Ned Price, the State Department spokesman.",
    "Rebels attacked a convoy near Goma on Tuesday, the army said.",
    "The minister met union leaders in Lagos to end the strike.",
]


def _folder(folder: Path, texts: dict[str, str]) -> Path:
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _night(folder: Path, first: int, count: int) -> Path:
    return _folder(
        folder, {f"a{n:03d}.txt": f"Story {n}. {STORIES[n % len(STORIES)]}" for n in range(first, first + count)}
    )


def _count(wh: Path) -> int:
    return query(wh, "SELECT count(*) FROM articles")[0][0]


def test_a_second_story_under_the_same_file_name_is_a_story_of_its_own(tmp_path):
    inbox = _folder(tmp_path / "inbox", {"day1/001.txt": STORIES[0], "day2/001.txt": STORIES[2]})
    wh = tmp_path / "wh"
    nightly(inputs=[str(inbox / "day1")], warehouse=str(wh))
    second = nightly(inputs=[str(inbox / "day2")], warehouse=str(wh))
    assert _count(wh) == 2  # day2/001.txt did not replace day1/001.txt
    assert second.replaced == []
    assert query(wh, "SELECT DISTINCT source_id, id_from FROM articles") == [("001.txt", "file")]

    # Two feeds with a story.txt each, in one run: both load, neither is a "duplicate".
    feeds = _folder(tmp_path / "feeds", {"a/story.txt": STORIES[1], "b/story.txt": STORIES[3]})
    both = nightly(inputs=[str(feeds / "a"), str(feeds / "b")], warehouse=str(wh))
    assert both.articles_loaded == 2 and both.rejections == []

    # The same file changed in place is an update, and the night says which article it replaced.
    (inbox / "day1" / "001.txt").write_text(STORIES[0] + " Two of them were released later.", encoding="utf-8")
    update = nightly(inputs=[str(inbox / "day1")], warehouse=str(wh))
    assert [(uri.endswith("day1/001.txt"), what) for _id, uri, what, _before in update.replaced] == [(True, "text")]
    assert _count(wh) == 4
    assert query(wh, f"SELECT articles_replaced FROM runs WHERE run_id = '{update.run_id}'") == [(1,)]


def test_an_older_catalog_put_back_stops_the_run_before_files_are_lost(prefect_harness, tmp_path, monkeypatch):
    """Backups and their rotation follow the lake's snapshots, not the run ids the wall clock makes."""
    from nightdesk import pipeline as nightly_module
    from nightdesk.load import intact

    wh = tmp_path / "wh"
    nightly(inputs=[str(_night(tmp_path / "n1", 0, 2))], warehouse=str(wh))

    class Behind(datetime):  # the machine's clock six days behind for one night: its run id sorts first
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) - timedelta(days=6)

    monkeypatch.setattr(nightly_module, "datetime", Behind)
    monkeypatch.setattr(intact, "KEEP_BACKUPS", 1)  # rotation keeps the newest copy, though its name sorts first
    behind = nightly(inputs=[str(_night(tmp_path / "n2", 2, 2))], warehouse=str(wh))
    monkeypatch.undo()
    assert [behind.run_id in p.name for p in intact.backups(wh)] == [True]

    # The catalog is lost: the advice names the newest backup, and following it keeps every night.
    damage_catalog(wh, "missing")
    result = runner.invoke(app, ["run", "--input", str(tmp_path / "n2"), "--warehouse", str(wh)])
    command = re.search(r"\((gunzip -c \S+ > \S+)\)", " ".join(result.output.split()))
    assert result.exit_code == 1 and command, result.output
    subprocess.run(command.group(1), shell=True, check=True)
    nightly(inputs=[str(_night(tmp_path / "n3", 4, 1))], warehouse=str(wh))
    assert _count(wh) == 5

    # An older copy put back by hand: the run stops, and no data file of the newer nights is deleted as an orphan.
    nightly(inputs=[str(_night(tmp_path / "n4", 5, 1))], warehouse=str(wh))
    oldest = intact.backups(wh)[0]
    files = data_files(wh)
    with gzip.open(oldest) as src:
        catalog(wh).write_bytes(src.read())
    stopped = runner.invoke(app, ["run", "--input", str(tmp_path / "n4"), "--warehouse", str(wh)])
    assert stopped.exit_code == 1 and "put back from an older copy" in " ".join(stopped.output.split())
    assert data_files(wh) == files


def _shift_snapshots(wh: Path, days: float) -> None:
    """Move every snapshot's commit time by `days`, as if the clock had been that far off when they were made."""
    con = sqlite3.connect(catalog(wh))
    try:
        for sid, at in con.execute("SELECT snapshot_id, snapshot_time FROM ducklake_snapshot").fetchall():
            moved = datetime.fromisoformat(at.replace("+00", "+00:00") if at.endswith("+00") else at)
            con.execute(
                "UPDATE ducklake_snapshot SET snapshot_time = ? WHERE snapshot_id = ?",
                ((moved + timedelta(days=days)).isoformat(sep=" "), sid),
            )
        con.commit()
    finally:
        con.close()


@pytest.mark.parametrize("days", [-60, 6])
def test_a_clock_far_ahead_or_behind_expires_no_snapshot(tmp_path, days):
    """-60: the earlier nights look 60 days old, as after a night with the clock 60 days ahead; 6: they look 6 days
    in the future, as when the clock went back. Either way every night stays readable with --as-of."""
    wh = tmp_path / "wh"
    first = nightly(inputs=[str(_night(tmp_path / "n1", 0, 2))], warehouse=str(wh))
    nightly(inputs=[str(_night(tmp_path / "n2", 2, 2))], warehouse=str(wh))
    _shift_snapshots(wh, days)
    third = nightly(inputs=[str(_night(tmp_path / "n3", 4, 1))], warehouse=str(wh))
    as_of = runner.invoke(
        app, ["sql", "SELECT count(*) FROM articles", "-w", str(wh), "-f", "csv", "--as-of", first.run_id]
    )
    assert as_of.exit_code == 0 and as_of.output.split() == ["count_star()", "2"], as_of.output
    assert third.notes and ("clock" in third.notes[0] or "rested" in third.notes[0])  # and the night said why


def test_the_last_nights_are_kept_whatever_their_age(tmp_path, monkeypatch):
    monkeypatch.setenv("NIGHTDESK_KEEP_DAYS", "1")
    monkeypatch.setenv("NIGHTDESK_KEEP_NIGHTS", "3")
    wh = tmp_path / "wh"
    runs = [nightly(inputs=[str(_night(tmp_path / f"n{i}", i, 1))], warehouse=str(wh)).run_id for i in range(2)]
    _shift_snapshots(wh, -3)  # the two nights are three days old, older than KEEP_DAYS
    gap = nightly(inputs=[str(_night(tmp_path / "n2", 2, 1))], warehouse=str(wh))  # three days after the last night
    runs += [gap.run_id, nightly(inputs=[str(_night(tmp_path / "n3", 3, 1))], warehouse=str(wh)).run_id]
    listed = runner.invoke(app, ["snapshots", "-w", str(wh), "-f", "csv"]).output
    # The oldest night went; the second is as old but one of the last three nights, and stays.
    assert [run in listed for run in runs] == [False, True, True, True]
    assert "rested that long" in gap.notes[0]  # that night expired nothing, and said why


def test_as_of_reads_the_offset_it_is_given_and_a_time_before_the_first_night_says_so(tmp_path):
    wh = tmp_path / "wh"
    nightly(inputs=[str(_night(tmp_path / "n1", 0, 1))], warehouse=str(wh))
    time.sleep(2)
    between = datetime.now().astimezone()
    time.sleep(2)
    nightly(inputs=[str(_night(tmp_path / "n2", 1, 1))], warehouse=str(wh))
    # The same instant written in another zone (five hours ahead of this machine's clock).
    elsewhere = between.astimezone(timezone(between.utcoffset() + timedelta(hours=5)))
    result = runner.invoke(
        app, ["sql", "SELECT count(*) FROM articles", "-w", str(wh), "-f", "csv", "--as-of", elsewhere.isoformat()]
    )
    assert result.exit_code == 0 and result.output.split() == ["count_star()", "1"], (elsewhere, result.output)
    early = runner.invoke(app, ["sql", "SELECT 1", "-w", str(wh), "--as-of", "2001-01-01T00:00:00+00:00"])
    assert early.exit_code == 1 and "holds no night committed at or before" in early.output
    assert "Traceback" not in early.output and "does not exist" not in early.output


def test_a_read_write_session_that_writes_after_the_swap_changes_no_later_night(tmp_path):
    wh = tmp_path / "wh"
    inputs = _night(tmp_path / "n1", 0, 4)
    nightly(inputs=[str(inputs)], warehouse=str(wh))
    before = query(wh, "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM articles)")
    go = tmp_path / "go"
    session = (
        "import duckdb, os, sys, time; con = duckdb.connect(sys.argv[1]); "
        "con.execute('PRAGMA disable_checkpoint_on_shutdown'); con.execute('SET checkpoint_threshold = \\'10GB\\''); "
        "print('open', flush=True)\n"
        "while not os.path.exists(sys.argv[2]): time.sleep(0.1)\n"
        "con.execute('DROP VIEW quotes'); con.execute('CREATE TABLE quotes AS SELECT 1 AS quote_id'); os._exit(9)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", session, str(wh / "news.duckdb"), str(go)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "open"
    nightly(inputs=[str(_night(tmp_path / "n1", 4, 1))], warehouse=str(wh))  # the swap, while the session is open
    go.touch()
    proc.wait(timeout=30)
    after = query(wh, "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM articles)")
    assert after[0][1] == before[0][1] + 1 and after[0][0] >= before[0][0]
    nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert query(wh, "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM articles)") == after


def test_no_sql_deletes_a_data_file_not_even_as_of_a_past_night(tmp_path):
    wh = tmp_path / "wh"
    first = nightly(inputs=[str(_night(tmp_path / "n1", 0, 2))], warehouse=str(wh))
    (tmp_path / "n1" / "a000.txt").write_text("Story 0. Changed: talks resumed in Geneva.", encoding="utf-8")
    nightly(inputs=[str(tmp_path / "n1")], warehouse=str(wh))
    files = data_files(wh)
    for sql in (
        "CALL ducklake_cleanup_old_files('lake', cleanup_all => true)",
        "SELECT * FROM ducklake_cleanup_old_files('lake', cleanup_all => true)",
        "SELECT * FROM ducklake_expire_snapshots('lake', older_than => now())",
        "SET VARIABLE x = (SELECT count(*) FROM ducklake_delete_orphaned_files('lake', cleanup_all => true))",
    ):
        for as_of in (["--as-of", first.run_id], []):
            result = runner.invoke(app, ["sql", sql, "-w", str(wh), *as_of])
            assert data_files(wh) == files, (sql, as_of, result.output)
            assert result.exit_code == 1 and "is refused" in result.output, (sql, as_of, result.output)


def test_a_damaged_data_file_is_named_by_the_run_and_by_sql(prefect_harness, tmp_path):
    from nightdesk.load import catalog as lake

    wh = tmp_path / "wh"
    nightly(inputs=[str(_night(tmp_path / "n1", 0, 2))], warehouse=str(wh))
    con = lake.connect(lake.location(wh), read_only=True)
    try:
        path = Path(lake.files(con, "quotes")[-1][0])
    finally:
        con.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : -8] = bytes(len(data[len(data) // 2 : -8]))  # zeroed: the footer cannot be read
    path.write_bytes(bytes(data))
    asked = runner.invoke(app, ["sql", "SELECT max(content) FROM quotes", "-w", str(wh)])
    assert asked.exit_code == 1 and path.name in asked.output.replace("\n", ""), asked.output
    result = runner.invoke(app, ["run", "--input", str(_night(tmp_path / "n2", 2, 1)), "--warehouse", str(wh)])
    assert result.exit_code == 1 and path.name in result.output.replace("\n", "") and "changed nothing" in result.output


def test_corrections_and_a_stray_manifest_never_cost_the_warehouse(prefect_harness, tmp_path):
    wh = tmp_path / "wh"
    nightly(inputs=[str(_night(tmp_path / "n1", 0, 4))], warehouse=str(wh))
    (entity,) = query(wh, "SELECT entity_id FROM entities LIMIT 1")[0]
    slow = time.monotonic()
    long_name = runner.invoke(app, ["entities", "rename", entity, "x" * 120_000, "-w", str(wh)])
    assert long_name.exit_code == 1 and "at most" in long_name.output and time.monotonic() - slow < 10
    # A lost catalog is never made anew by a correction (it would publish an empty warehouse).
    shutil.move(catalog(wh), tmp_path / "catalog.sqlite")
    lost = runner.invoke(app, ["entities", "rename", entity, "New name", "-w", str(wh)])
    assert lost.exit_code == 1 and "To recover" in lost.output and not catalog(wh).exists()
    shutil.move(tmp_path / "catalog.sqlite", catalog(wh))
    # A lake/_manifest.json beside a healthy lake is left alone, with a warning, and the night loads.
    (wh / "lake").mkdir()
    (wh / "lake" / "_manifest.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["run", "--input", str(_night(tmp_path / "n2", 4, 1)), "--warehouse", str(wh)])
    assert result.exit_code == 0 and "was not read" in " ".join(result.output.split()), result.output
    assert _count(wh) == 5
