"""The temporary Prefect server of `nightdesk run`, started before anything heavy is imported.

Prefect starts its temporary server only when a flow first calls the API: after nightdesk has imported Prefect,
spaCy, DuckDB and the rest (about 7 s here), and then it waits for the server to boot (about 8 s more). Started as
the command's first step, the server boots on one core while those imports run on the other.

It is the server Prefect itself would start (uvicorn serving `prefect.server.api.server:create_app` with Prefect's
ephemeral-mode variables), with what flows/prefect_compat.py gives Prefect's own: the machine-wide start lock, a
process group of its own (Ctrl-C reaches the run, which then records its end) and a parent-death signal (it never
outlives the run). It is stopped when the command exits.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import socket
import subprocess
import sys
import time
import urllib.request

from flows.prefect_compat import START_LOCK, die_with_parent

# Prefect's SubprocessASGIServer sets these for its temporary server (prefect/server/api/server.py).
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(api_url: str, timeout: float = 2) -> bool:
    """Does a Prefect server answer its health check at this API URL (http://host:port/api)?"""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):  # ValueError: not a URL at all
        return False


class TemporaryServer:
    """`start()` returns at once; `wait_ready()` blocks until the API answers and returns its URL."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.api_url = ""
        self._lock = None

    def start(self) -> TemporaryServer:
        # Held until this server answers, so that a second run starting now cannot be answered by this server.
        self._lock = open(START_LOCK, "a+")  # noqa: SIM115  (closed in wait_ready)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        self._spawn()
        atexit.register(self.stop)
        return self

    def _spawn(self) -> None:
        port = _free_port()
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, **_SERVER_ENV},
            process_group=0,
            preexec_fn=die_with_parent,
        )

    def wait_ready(self, timeout: float) -> str:
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:  # the port was taken after all: try another
                    self._spawn()
                elif answers(self.api_url):
                    return self.api_url
                time.sleep(0.1)
            raise RuntimeError(
                f"Prefect's temporary server did not answer within {timeout:.0f} s "
                "(raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or start `prefect server start` and set PREFECT_API_URL)"
            )
        finally:
            self._lock.close()  # releases the flock

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_early() -> TemporaryServer | None:
    """A temporary server booting in the background, or None where Prefect should start its own (a server is
    configured, or this is not Linux, where the parent-death signal is missing)."""
    if os.environ.get("PREFECT_API_URL") or not sys.platform.startswith("linux"):
        return None
    if "prefect" in sys.modules:  # called from Python (a test harness, a notebook) that may have set a server
        from prefect.settings import PREFECT_API_URL

        if PREFECT_API_URL.value():
            return None
    return TemporaryServer().start()
