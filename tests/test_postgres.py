"""A team's catalog in PostgreSQL: two machines (two warehouse folders) share one lake, each run by one of them sees
what the other committed. The test starts PostgreSQL from the Debian package on 127.0.0.1 and skips cleanly where
it is not installed (.ci/run installs it)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from .night import nightly
from .test_operations import _kill, _start_paused_run, _wait_paused
from .warehouse import query

pytestmark = pytest.mark.e2e


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root: the Debian package's postgres user runs the server.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture
def postgres():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="nightdesk-pg-"))
    folder.chmod(0o755)
    data = folder / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres"]), check=True, capture_output=True
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    subprocess.run(
        _as_postgres([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "news"],
            check=True,
            capture_output=True,
        )
        yield f"postgres:dbname=news host=127.0.0.1 port={port} user=postgres"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_two_machines_share_one_lake_through_a_postgres_catalog(seed_input, tmp_path, postgres, monkeypatch):
    shared = tmp_path / "shared-data"  # the data files' place both machines reach (S3 in production)
    monkeypatch.setenv("NIGHTDESK_CATALOG", postgres)
    monkeypatch.setenv("NIGHTDESK_DATA_PATH", str(shared))
    first = nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "machine-a"))
    assert first.articles_loaded == 1
    assert not (tmp_path / "machine-a" / "catalog.sqlite").exists()

    more = tmp_path / "more"
    more.mkdir()
    (more / "price.txt").write_text("\u201cTalks will resume,\u201d said Ned Price on Monday.", encoding="utf-8")
    second = nightly(inputs=[str(seed_input), str(more)], warehouse=str(tmp_path / "machine-b"))
    assert (second.articles_unchanged, second.articles_loaded) == (1, 1)  # machine A's article was known

    # Each machine's news.duckdb shows the shared lake as its own last run left it; A's next run catches up.
    assert query(tmp_path / "machine-b", "SELECT count(*) FROM articles") == [(2,)]
    assert query(tmp_path / "machine-a", "SELECT count(*) FROM articles") == [(1,)]
    third = nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "machine-a"))
    assert third.articles_unchanged == 1
    assert query(tmp_path / "machine-a", "SELECT count(*) FROM runs") == [(3,)]


def test_two_nights_at_once_on_a_shared_catalog_never_load_an_article_twice(
    seed_input, tmp_path, postgres, monkeypatch
):
    monkeypatch.setenv("NIGHTDESK_CATALOG", postgres)
    monkeypatch.setenv("NIGHTDESK_DATA_PATH", str(tmp_path / "shared-data"))
    more = tmp_path / "more"
    more.mkdir()
    (more / "price.txt").write_text("\u201cTalks will resume,\u201d said Ned Price on Monday.", encoding="utf-8")
    a, b, resume = tmp_path / "machine-a", tmp_path / "machine-b", tmp_path / "resume"
    # Machine A's night stops inside its lake transaction, before COMMIT; machine B's night, over the same new
    # articles, commits meanwhile; then A goes on.
    proc = _start_paused_run([seed_input, more], a, "load", NIGHTDESK_RESUME_FILE=str(resume))
    try:
        _wait_paused(proc, "load")
        assert nightly(inputs=[str(seed_input), str(more)], warehouse=str(b)).articles_loaded == 2
        resume.touch()
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert proc.returncode == 1
    assert "another machine committed to the shared lake while this run was writing" in err
    assert query(b, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(2, 2)]

    # A's next night finds both articles loaded, and records its refused run as failed.
    again = nightly(inputs=[str(seed_input), str(more)], warehouse=str(a))
    assert (again.articles_loaded, again.articles_unchanged) == (0, 2)
    assert query(a, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(2, 2)]
    assert query(a, "SELECT count(*) - count(DISTINCT mention_id) FROM entity_mentions") == [(0,)]
    statuses = query(a, "SELECT status, error LIKE '%another machine committed%' FROM runs ORDER BY started_at")
    assert statuses == [("failed", True), ("completed", None), ("completed", None)]
