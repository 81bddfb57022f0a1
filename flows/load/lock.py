"""One nightly run per warehouse at a time.

flock is released by the kernel when its holder dies, so a run killed with SIGKILL leaves no stale lock.

`nightdesk run` takes the lock as its first step, before Prefect's server and spaCy start, so that a second run
is turned away at once; the flow then takes it again in the same process, which only records its run id. A flow
started another way (a served deployment, a test) takes the lock itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

from nightdesk.errors import NightdeskError

LOCK_NAME = ".nightdesk.lock"

# Lock files this process holds, by resolved path → descriptor (flock does not nest across two open() calls).
_held: dict[str, int] = {}


class RunInProgress(NightdeskError, RuntimeError):
    pass


@contextmanager
def run_lock(warehouse: Path, run_id: str, wait_seconds: float = 0.0):
    path = warehouse / LOCK_NAME
    key = str(path.resolve())
    if key in _held:  # taken by this process already (the CLI, before the flow started)
        _record(_held[key], run_id)
        yield
        return
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
                    advice = (
                        f"waited {wait_seconds:g} s; wait for it to finish or pass a longer --wait"
                        if wait_seconds
                        else "wait for it to finish or pass --wait SECONDS"
                    )
                    raise RunInProgress(f"another nightdesk run is writing {warehouse} ({holder}); {advice}") from None
                time.sleep(0.5)
        _record(fd, run_id)
        _held[key] = fd
        yield
    finally:
        _held.pop(key, None)
        os.close(fd)  # closing the descriptor releases the flock


def _forget_in_child() -> None:
    # A forked child (a transform worker) shares the lock's open file, and flock is only released when every copy
    # is closed: a worker outliving a killed run would keep every later run out. The child closes its copies.
    for fd in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


def _record(fd: int, run_id: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps({"run_id": run_id, "pid": os.getpid(), "started": time.time()}).encode(), 0)


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text() or "{}")
    except (OSError, json.JSONDecodeError):
        return "holder unknown"
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info.get("started", 0)))
    return f"run {info.get('run_id')} by pid {info.get('pid')}, started {started}"
