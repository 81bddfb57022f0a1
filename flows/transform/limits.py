"""What keeps one pathological article from stalling a night: the text the parser sees, and a time budget.

spaCy's tokenizer is quadratic on long runs of punctuation (20,000 "=" took 76 s, 40,000 took 136 s), so such runs
are blanked before the parse. The blanking keeps the text's length, so every offset still indexes articles.text.
Whatever else makes an article slow meets the per-article time budget and becomes that article's rejection.
"""

from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager

# Runs longer than this of one non-word, non-space character (==========, ----------, ..........) keep their
# first characters (a rule line still ends a sentence) and lose the rest to spaces.
_RUN = re.compile(r"([^\w\s])\1{15,}")
_KEEP = 3
_AGAIN = 0.25  # seconds between raises once the budget is spent


class ArticleTooSlow(Exception):
    """The parse of one article went over its time budget."""


def text_to_parse(text: str) -> str:
    """The article text with long punctuation runs blanked, same length (offsets stay valid)."""
    return _RUN.sub(lambda m: m.group()[:_KEEP] + " " * (len(m.group()) - _KEEP), text)


@contextmanager
def time_budget(seconds: float):
    """Raise ArticleTooSlow in the block after `seconds`. A signal timer works in a process's main thread only
    (transform workers, and a run in the foreground); elsewhere the block runs without a budget.

    Python runs a signal handler wherever the interpreter is, and an exception raised inside a callback that cannot
    propagate it (a gc callback, a Cython function that ignores errors) is printed and dropped. So after the budget
    the handler re-arms itself and raises again every quarter second until one reaches the block."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    state = {"active": True}

    def expire(_signum, _frame):
        if not state["active"]:
            return
        signal.setitimer(signal.ITIMER_REAL, _AGAIN)
        raise ArticleTooSlow(f"the parse took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
