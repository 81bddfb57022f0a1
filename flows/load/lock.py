"""One nightly run per warehouse at a time.

flock is released by the kernel when its holder dies, so a run killed with SIGKILL leaves no stale lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".nightdesk.lock"


class RunInProgress(RuntimeError):
    pass


@contextmanager
def run_lock(warehouse: Path, run_id: str, wait_seconds: float = 0.0):
    path = warehouse / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(path)
                    raise RunInProgress(
                        f"another nightdesk run is writing {warehouse} ({holder}); "
                        "wait for it to finish or pass --wait SECONDS"
                    ) from None
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"run_id": run_id, "pid": os.getpid(), "started": time.time()}).encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text() or "{}")
    except (OSError, json.JSONDecodeError):
        return "holder unknown"
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info.get("started", 0)))
    return f"run {info.get('run_id')} by pid {info.get('pid')}, started {started}"
