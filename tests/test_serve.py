"""The documented production mode: `prefect server start`, `nightdesk serve`, and a run of the deployment.

Everything runs as a user would run it, in separate processes on 127.0.0.1: a real Prefect server with its own
home, the `nightdesk serve` command, and a client that starts a run of the deployment and reads its artifacts.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nightdesk.prefect_workarounds import answers

from .conftest import REPO
from .warehouse import query

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent

TRIGGER = """
import asyncio, json, sys
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
from prefect.deployments import run_deployment

name = sys.argv[1]
flow_run = run_deployment(name, timeout=float(sys.argv[2]))

async def details():
    async with get_client() as client:
        artifacts = await client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id])))
        deployment = await client.read_deployment_by_name(name)
        return sorted(a.key for a in artifacts), [s.schedule.cron for s in deployment.schedules]

artifacts, crons = asyncio.run(details())
print(json.dumps({"state": flow_run.state.type.value, "message": flow_run.state.message, "artifacts": artifacts, "crons": crons}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    raise AssertionError(f"{what} within {timeout} s (exit {proc.poll()}):\n{log.read_text(errors='replace')[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def test_a_served_deployment_runs_and_loads_the_warehouse_with_its_report(seed_input, tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=api,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        DO_NOT_TRACK="1",
    )
    wh = tmp_path / "wh"
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    with open(server_log, "w") as log:
        server = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    serve = None
    try:
        _wait_for(lambda: answers(api), 180, "the Prefect server did not answer", server, server_log)
        with open(serve_log, "w") as log:
            serve = subprocess.Popen(
                [
                    str(BIN / "nightdesk"),
                    "serve",
                    "--input",
                    str(seed_input),
                    "--warehouse",
                    str(wh),
                    "--cron",
                    "0 2 * * *",
                    "--timezone",
                    "Europe/Berlin",
                    "--name",
                    "e2e",
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_for(
            lambda: "being served" in serve_log.read_text(errors="replace"),
            180,
            "nightdesk serve did not start serving",
            serve,
            serve_log,
        )
        printed = serve_log.read_text(errors="replace")
        assert "nightdesk-nightly/e2e: runs at 0 2 * * * (Europe/Berlin); next run " in printed
        next_run = printed.split("next run ", 1)[1].split(",", 1)[0]
        assert next_run[10:] == "T02:00:00+01:00" or next_run[10:] == "T02:00:00+02:00", next_run

        trigger = subprocess.run(
            [sys.executable, "-c", TRIGGER, "nightdesk-nightly/e2e", "300"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=420,
        )
        assert trigger.returncode == 0, trigger.stderr[-3000:]
        result = json.loads(trigger.stdout.strip().splitlines()[-1])
        assert result["state"] == "COMPLETED", (result, serve_log.read_text(errors="replace")[-3000:])
        assert result["artifacts"] == ["nightdesk-run-counts", "nightdesk-run-report"]
        assert result["crons"] == ["0 2 * * *"]

        # The server goes down, then systemd stops serve with SIGTERM: it ends within seconds all the same.
        _stop(server)
        stopping = time.monotonic()
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
        assert time.monotonic() - stopping < 40, serve_log.read_text(errors="replace")[-2000:]
    finally:
        if serve is not None:
            _stop(serve)
        _stop(server)
    assert query(wh, "SELECT count(*) FROM articles") == [(1,)]
    assert query(wh, "SELECT status, articles_loaded FROM runs") == [("completed", 1)]
    assert query(wh, "SELECT count(*) > 0 FROM quotes") == [(True,)]
