"""The worker processes of transform: each runs the whole pipeline on a chunk of articles and sends back rows.

Why rows and not docs (spaCy's own `n_process` sends docs): a doc crosses the process boundary as msgpack, so every
article paid a serialize in the worker and a deserialize here, and nightdesk's components then ran in this process,
a third process competing with the two parsers for two cores. Rows are small plain data, and the components run
where the parse ran.

The pool is forked after the model is loaded, so a worker starts in milliseconds and shares the model's memory
copy-on-write; it lives until `close_workers()` (the end of a run), so later batches pay nothing to start it.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

from nightdesk.settings import Settings
from nightdesk.transform.nlp import load_nlp

_pool: ProcessPoolExecutor | None = None
_pool_key: tuple | None = None  # (processes, the pipeline the workers were forked with)


def _context():
    # Without fork (Windows) each worker loads the model itself on its first chunk.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: the kernel kills the worker when the run dies (an OOM kill of the main process leaves no
    one to shut the pool down, and orphan workers would keep parsing and holding memory)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def worker_pool(processes: int, settings: Settings) -> ProcessPoolExecutor:
    global _pool, _pool_key
    nlp = load_nlp(settings)  # before the fork, so workers inherit it
    if _pool is None or _pool_key != (processes, id(nlp)):
        close_workers()
        pool = ProcessPoolExecutor(
            processes, mp_context=_context(), initializer=_die_with_parent, initargs=(os.getpid(),)
        )
        _pool, _pool_key = pool, (processes, id(nlp))
    return _pool


def close_workers() -> None:
    """Stop the worker processes (a broken pool too: the next batch starts a fresh one)."""
    global _pool, _pool_key
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    _pool, _pool_key = None, None


atexit.register(close_workers)
