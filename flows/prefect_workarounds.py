"""Every workaround nightdesk needs around Prefect 3, in one place, with the range of Prefect releases it was
verified with (`check_prefect_version` fails loudly outside it, naming what to re-verify).

1. Settings. Prefect reads its settings when first imported; `configure_prefect_environment()` (run by
   flows/__init__.py) sets this project's defaults before that: a 90 s start timeout for the temporary server
   (11-25 s cold starts here time out at the default 20 s), no analytics or telemetry, no UI, a project-local
   PREFECT_HOME.

2. The start race. Each process without a Prefect server starts its own temporary one on a random free port. Two
   processes starting at the same moment can pick the same port: the second one's server fails to bind, but its
   health check is answered by the first one's, so it carries on against a server that vanishes when the first
   process ends ("Connection refused" in the middle of a run). Holding a machine-wide lock from choosing the port
   until the server answers makes the second process see the port taken and choose another.

3. Ctrl-C and parent death. The server is a child in the run's process group, so the terminal's Ctrl-C stops it at
   once too; the run then spends minutes retrying to report its crash to a server that is gone. Started in a
   process group of its own it does not see the Ctrl-C, and a parent-death signal (Linux) still stops it when the
   run dies, even by SIGKILL.

4. The early server of `nightdesk run`. Prefect starts its temporary server only when a flow first calls the API:
   after nightdesk has imported Prefect, spaCy, DuckDB and the rest (about 7 s here), and then it waits for the
   server to boot (about 8 s more). Started as the command's first step (`start_early`), the server boots on one
   core while those imports run on the other. It is the server Prefect itself would start (uvicorn serving
   `prefect.server.api.server:create_app` with Prefect's ephemeral-mode variables), with 2 and 3 applied, and is
   stopped when the command exits.

5. A served runner's shutdown. When `nightdesk serve` stops (SIGTERM from systemd, or Ctrl-C), Prefect's runner
   pauses its deployments through the API; with the server down that call retries for as long as the server stays
   down, so the process ignored SIGTERM until the server came back. `bounded_shutdown` lets the runner try, and ends
   the process when it has not finished within a few seconds.
"""

from __future__ import annotations

import atexit
import ctypes
import fcntl
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import types
import urllib.request
from functools import wraps
from pathlib import Path

# Where a checkout keeps its project-local Prefect home.
_REPO_DIR = Path(__file__).resolve().parent.parent

_PREFECT_DEFAULTS = {
    # This machine's temporary Prefect server needs 11-25 s to start; the default 20 s limit fails cold starts.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The client's own usage data (and its first-run notice at a terminal) has a separate switch; this machine is
    # offline and its users were promised no telemetry.
    "DO_NOT_TRACK": "1",
    "PREFECT_UI_ENABLED": "false",
}


def configure_prefect_environment() -> None:
    """Set the Prefect settings this project needs unless the user already chose them."""
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if sys.stderr is not None and sys.stderr.isatty():
        # At a terminal the progress bar and the run summary say what happens; Prefect's per-task INFO lines would
        # scroll through the bar. Warnings and errors still show, and every log still reaches Prefect's API.
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    if "PREFECT_HOME" not in os.environ:
        home = _REPO_DIR / ".prefect" if os.access(_REPO_DIR, os.W_OK) else Path.home() / ".nightdesk" / "prefect"
        os.environ["PREFECT_HOME"] = str(home)


START_LOCK = os.path.join(tempfile.gettempdir(), "nightdesk-prefect-ephemeral-start.lock")

# The Prefect releases these workarounds (and the early temporary server below) were verified with.
TESTED = ((3, 9, 1), (3, 10))  # from, up to (not including)
TO_REVERIFY = (
    "the start race (tests/test_prefect_server.py::test_two_temporary_servers_answer_on_their_own_ports_and_stop), "
    "Ctrl-C and parent death (tests/test_operations.py::test_ctrl_c_stops_a_run_at_once_and_its_temporary_server_with_it), "
    "the early server's command line and settings (TemporaryServer), and flow-parameter validation of a "
    "served deployment (tests/test_serve.py)"
)


class PrefectUntested(RuntimeError):
    pass


def check_prefect_version(version: str | None = None) -> None:
    """Fail loudly on a Prefect outside the tested range: the workarounds patch Prefect internals that may move."""
    if version is None:
        from importlib.metadata import version as installed

        version = installed("prefect")
    parts = tuple(int(p) for p in version.split("+")[0].split(".")[:3] if p.isdigit())
    low, high = TESTED
    if not (low <= parts < high):
        raise PrefectUntested(
            f"nightdesk was verified with Prefect {'.'.join(map(str, low))} up to {'.'.join(map(str, high))} "
            f"(not included), and Prefect {version} is installed. Install the tested one (pip install -c constraints.txt "
            f"-e .), or re-verify {TO_REVERIFY}, then widen TESTED in flows/prefect_workarounds.py."
        )


def serialize_ephemeral_server_start() -> None:
    check_prefect_version()
    from prefect.server.api.server import SubprocessASGIServer

    if getattr(SubprocessASGIServer.start, "_nightdesk_serialized", False):
        return
    original = SubprocessASGIServer.start

    @wraps(original)
    def start(self, *args, **kwargs):
        if self.running:
            return original(self, *args, **kwargs)
        with open(START_LOCK, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                return original(self, *args, **kwargs)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    start._nightdesk_serialized = True
    SubprocessASGIServer.start = start


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:  # runs in the child, between fork and exec
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class _ServerSubprocess(types.ModuleType):
    """`subprocess` as Prefect's server module sees it: the server starts in its own process group."""

    def __getattr__(self, name):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args, **kwargs):  # noqa: N802  (stands in for subprocess.Popen)
        # The parent-death signal fires when the starting *thread* ends: only the main thread lives as long as the run.
        if threading.current_thread() is threading.main_thread():
            kwargs.setdefault("process_group", 0)
            kwargs.setdefault("preexec_fn", die_with_parent)
        return subprocess.Popen(*args, **kwargs)


def keep_temporary_server_out_of_ctrl_c() -> None:
    if not sys.platform.startswith("linux"):
        return
    import prefect.server.api.server as server_module

    server_module.subprocess = _ServerSubprocess("subprocess")


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
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
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


SHUTDOWN_SECONDS = 15  # what a served runner may spend pausing its deployments after SIGTERM or Ctrl-C


def bounded_shutdown(seconds: float = SHUTDOWN_SECONDS) -> None:
    """After SIGTERM or Ctrl-C the process ends within `seconds`, whatever the Prefect server does (workaround 5)."""
    from prefect.runner.runner import Runner

    def watchdog() -> None:
        def end() -> None:
            sys.stderr.write(
                f"nightdesk serve: stopped after {seconds:g} s without pausing the deployments (the Prefect server did "
                "not answer); they stay scheduled, with no one serving them, until serve runs again\n"
            )
            sys.stderr.flush()
            os._exit(143)

        timer = threading.Timer(seconds, end)
        timer.daemon = True
        timer.start()

    original = Runner.handle_sigterm
    if getattr(original, "_bounded", False):
        return

    @wraps(original)
    def handle_sigterm(self, *args, **kwargs):
        watchdog()
        return original(self, *args, **kwargs)

    handle_sigterm._bounded = True  # type: ignore[attr-defined]
    Runner.handle_sigterm = handle_sigterm

    def on_ctrl_c(signum, frame):
        watchdog()
        signal.default_int_handler(signum, frame)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_ctrl_c)
