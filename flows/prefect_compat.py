"""Two workarounds for Prefect's temporary server (prefect 3.9).

The start race. Each process without a Prefect server starts its own temporary one on a random free port. Two processes starting
at the same moment can pick the same port: the second one's server fails to bind, but its health check is answered
by the first one's, so it carries on against a server that vanishes when the first process ends ("Connection
refused" in the middle of a run). Holding a machine-wide lock from choosing the port until the server answers makes
the second process see the port taken and choose another.

Ctrl-C. The server is a child in the run's process group, so the terminal's Ctrl-C stops it at once too; the run
then spends minutes retrying to report its crash to a server that is gone. Started in a process group of its own it
does not see the Ctrl-C, and a parent-death signal (Linux) still stops it when the run dies, even by SIGKILL.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import subprocess
import sys
import tempfile
import threading
import types
from functools import wraps

START_LOCK = os.path.join(tempfile.gettempdir(), "nightdesk-prefect-ephemeral-start.lock")

# The Prefect releases these workarounds (and flows/prefect_server.py's early temporary server) were verified with.
TESTED = ((3, 9, 1), (3, 10))  # from, up to (not including)
TO_REVERIFY = (
    "the start race (tests/test_prefect_server.py::test_two_temporary_servers_answer_on_their_own_ports_and_stop), "
    "Ctrl-C and parent death (tests/test_operations.py::test_ctrl_c_stops_a_run_at_once_and_its_temporary_server_with_it), "
    "the early server's command line and settings (flows/prefect_server.py), and flow-parameter validation of a "
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
            f"-e .), or re-verify {TO_REVERIFY}, then widen TESTED in flows/prefect_compat.py."
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
