"""Unattended operation: bad input through the CLI, runs killed with SIGKILL at each stage, concurrent runs."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from nightdesk.cli import app
from nightdesk.load.warehouse import run_checks

from .conftest import REPO
from .inputs import ARTICLE_HTML
from .night import nightly
from .warehouse import orphan_files, query, snapshot

pytestmark = pytest.mark.e2e


def test_cli_run_with_bad_and_good_inputs_exits_0_and_reconciles(prefect_harness, tmp_path):
    night = tmp_path / "night"
    night.mkdir()
    (night / "good.txt").write_text(
        "Police arrested five protesters in Cairo on Monday, officials said.", encoding="utf-8"
    )
    (night / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (night / "empty.txt").write_bytes(b"")
    (night / "notes.pdf").write_bytes(b"%PDF-1.4")
    (night / "feed.jsonl").write_text('{"id": "r1", "text": "Talks resumed in Geneva."}\n{broken\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--input", str(night), "--warehouse", str(tmp_path / "wh")])
    assert result.exit_code == 0, result.output
    wh = tmp_path / "wh"
    reasons = dict(query(wh, "SELECT source_uri, reason FROM rejected_inputs"))
    assert {Path(u.split("#")[0]).name for u in reasons} == {"empty.txt", "notes.pdf", "feed.jsonl"}
    assert all(reasons.values())
    assert query(wh, "SELECT count(*) FROM articles") == [(3,)]
    seen, loaded, unchanged, rejected = query(
        wh, "SELECT articles_seen, articles_loaded, articles_unchanged, articles_rejected FROM runs"
    )[0]
    assert (seen, loaded, unchanged, rejected) == (6, 3, 0, 3) and seen == loaded + unchanged + rejected
    assert "rejected inputs" in result.output and "malformed JSON on line 2" in result.output
    from nightdesk.load.warehouse import check_files

    assert (
        f"{len(check_files())} of {len(check_files())}"
        in result.output.split("data checks passed", 1)[1].split("\n", 1)[0]
    )


def _start_paused_run(inputs: list[Path], wh: Path, pause_at: str, **more_env: str) -> subprocess.Popen:
    env = dict(os.environ, NIGHTDESK_PAUSE_AT=pause_at, NIGHTDESK_PAUSE_SECONDS="300", **more_env)
    args = [sys.executable, "-m", "nightdesk.cli", "run", "--warehouse", str(wh)]
    for p in inputs:
        args += ["--input", str(p)]
    # A terminal starts its foreground job with SIGINT at its default. A suite started in the background by a
    # non-interactive shell (`make test &`, next to a benchmark) ignores SIGINT, and an ignored signal is inherited
    # through exec: the run would never see the test's Ctrl-C. A handled signal is reset to the default by exec.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # A session of its own, so the kill takes Prefect's temporary server along, as a service manager would.
        return subprocess.Popen(
            args,
            cwd=REPO,
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)


def _wait_paused(proc: subprocess.Popen, pause_at: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            raise AssertionError(f"run ended before pausing at {pause_at} (exit {proc.returncode})")
        if f"paused at {pause_at}" in line:
            return
    raise AssertionError(f"run did not reach {pause_at} in {timeout} s")


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _gone_within(pids: list[int], seconds: float) -> bool:
    def alive(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not any(alive(p) for p in pids)


@pytest.mark.parametrize("stage", ["transform", "load", "compact", "swap"])
def test_sigkill_at_any_stage_leaves_the_last_complete_run(prefect_harness, seed_input, tmp_path, stage, monkeypatch):
    if stage == "compact":
        monkeypatch.setenv("NIGHTDESK_COMPACT_FILES", "2")  # the second night joins the two nights' files
    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh))
    before = snapshot(wh)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "talks.txt").write_text(
        "Ned Price said on Monday that talks with Iran would resume in Vienna.", encoding="utf-8"
    )
    proc = _start_paused_run([seed_input, extra], wh, stage)
    try:
        _wait_paused(proc, stage)
        if stage == "transform":
            # A second run while the first holds the warehouse: it exits at once, naming the running one.
            second = CliRunner().invoke(app, ["run", "--input", str(seed_input), "--warehouse", str(wh)])
            assert second.exit_code == 1 and "another nightdesk run is writing" in second.output
            assert "pid" in second.output
        server = _children(proc.pid)  # Prefect's temporary server
        assert server
        _kill(proc)
        assert _gone_within(server, 15), "the temporary server outlived its killed run"
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert snapshot(wh) == before  # the database is still the last complete night
    assert all(r.violations == 0 for r in run_checks(duckdb.connect(str(wh / "news.duckdb"), read_only=True)))
    summary = nightly(inputs=[str(seed_input), str(extra)], warehouse=str(wh))  # the killed run's lock is gone
    assert summary.articles_seen == 2
    assert query(wh, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(2, 2)]
    assert query(wh, "SELECT count(*) - count(DISTINCT mention_id) FROM entity_mentions") == [(0,)]
    leftovers = [p.name for p in wh.iterdir() if ".building-" in p.name]
    assert leftovers == []
    assert orphan_files(wh) == []  # what the killed run wrote into the lake is gone too
    # Killed before its commit, the run is recorded as interrupted by the next one; killed after it (compact, swap),
    # it had already recorded itself as completed and is not recorded twice.
    killed = "completed" if stage in ("compact", "swap") else "interrupted"
    assert [r[0] for r in query(wh, "SELECT status FROM runs ORDER BY started_at")] == [
        "completed",
        killed,
        "completed",
    ]


def test_ctrl_c_stops_a_run_at_once_and_its_temporary_server_with_it(seed_input, tmp_path):
    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh))
    before = snapshot(wh)
    (seed_input / "late.txt").write_text(
        "Ned Price said on Monday that talks would resume in Vienna.", encoding="utf-8"
    )
    proc = _start_paused_run([seed_input], wh, "transform")
    try:
        _wait_paused(proc, "transform")
        server = _children(proc.pid)
        assert server
        started = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends to its foreground process group
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            os.kill(proc.pid, signal.SIGUSR1)  # nightdesk run dumps every thread's stack (faulthandler)
            time.sleep(2)
            _kill(proc)
            signals = [line for line in status.splitlines() if line.startswith(("SigIgn", "SigCgt"))]
            raise AssertionError(f"the run ignored Ctrl-C for 60 s; {signals}\n{proc.stderr.read()[-6000:]}") from None
        assert proc.returncode == 130
        assert time.monotonic() - started < 30, "Ctrl-C took too long to stop the run"
        assert _gone_within(server, 15), "the temporary server outlived the run"
        said = proc.stderr.read()
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert snapshot(wh) == before
    assert "nightdesk run: interrupted; the warehouse is unchanged" in said
    assert "Crash detected" not in said and "Traceback" not in said, said
    nightly(inputs=[str(seed_input)], warehouse=str(wh))  # records the stopped run, with when it stopped
    stopped = query(wh, "SELECT status, error, finished_at IS NOT NULL FROM runs ORDER BY started_at")[1]
    assert stopped == ("interrupted", "KeyboardInterrupt", True)


HOLDER = """
import sys, time
from pathlib import Path
from nightdesk.load.lock import run_lock
with run_lock(Path(sys.argv[1]), "holder"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_run_can_wait_for_the_first(tmp_path):
    from nightdesk.load.lock import LOCK_NAME, RunInProgress, run_lock

    wh = tmp_path / "wh"
    wh.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(wh), "4"], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(RunInProgress, match=f"run holder by pid {holder.pid}"),
            run_lock(wh, "second", wait_seconds=1.0),
        ):
            pass
        with run_lock(wh, "third", wait_seconds=60):  # free once the holder is done
            assert holder.wait(timeout=60) == 0  # it let go by finishing, not by being overtaken
            # The flow inside `nightdesk run` takes the lock the command already holds: it only records its run id.
            with run_lock(wh, "the-flows-run-id"):
                assert json.loads((wh / LOCK_NAME).read_text())["run_id"] == "the-flows-run-id"
    finally:
        holder.kill()


_CONSOLE_LEVEL = """
import logging, flows
from prefect.logging.configuration import setup_logging
setup_logging()
print(*[logging.getLevelName(h.level) for h in logging.getLogger().handlers if type(h).__name__ == "PrefectConsoleHandler"])
"""


def test_prefect_info_lines_are_hidden_at_a_terminal_only():
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"}
    run = functools.partial(
        subprocess.run,
        [sys.executable, "-c", _CONSOLE_LEVEL],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    _parent, terminal = os.openpty()
    try:
        assert run(stderr=terminal).stdout.split() == ["WARNING"]
    finally:
        os.close(terminal)
        os.close(_parent)
    assert run(stderr=subprocess.DEVNULL).stdout.split() == ["NOTSET"]  # cron, pipes: every line


@pytest.mark.parametrize(
    ("variable", "value", "minimum"),
    [("NIGHTDESK_BATCH_SIZE", v, 1) for v in ("abc", "0", "-3", "2.5")] + [("NIGHTDESK_COMPACT_FILES", "1", 2)],
)
def test_a_bad_number_setting_names_the_variable_and_stops_the_command(variable, value, minimum, tmp_path):
    env = dict(os.environ, **{variable: value})
    wh = tmp_path / "wh"
    result = subprocess.run(
        [sys.executable, "-m", "nightdesk.cli", "run", "--input", "seeds/articles", "--warehouse", str(wh)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and not wh.exists()  # stopped before anything was made
    assert f"{variable} must be a whole number of at least {minimum}, not '{value}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_size_limit_fails_the_run_instead_of_rejecting_every_input(seed_input, tmp_path, monkeypatch):
    from nightdesk.settings import SettingError

    monkeypatch.setenv("NIGHTDESK_MAX_INPUT_BYTES", "lots")
    with pytest.raises(SettingError, match="NIGHTDESK_MAX_INPUT_BYTES must be a whole number"):
        nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    assert not (tmp_path / "wh" / "news.duckdb").exists()
