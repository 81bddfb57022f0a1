"""Per-doc caches of entity spans and sentences while a component runs.

`doc.ents` and `doc.sents` build new Span objects and `doc.text` joins every token on every access, and the quote and event rules ask for them per
token: cached once per component call they cost a small fraction of the parse instead of a third of it. The cache
lives in doc.user_data only inside `cached(doc)`, so docs stay cheap to pickle between processes.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
_ENTS, _SENTS, _STARTS, _TEXT, _MEMO = "_nd_ents", "_nd_sents", "_nd_sent_starts", "_nd_text", "_nd_memo"
_WHOLE_TEXT = "_nd_whole_text"  # kept for the doc's life: its text never changes once it is made


@contextmanager
def cached(doc: Doc):
    doc.user_data[_ENTS] = tuple(doc.ents)
    sentences = list(doc.sents)
    doc.user_data[_SENTS] = sentences
    doc.user_data[_STARTS] = [s.start for s in sentences]
    doc.user_data[_TEXT] = text(doc)
    doc.user_data[_MEMO] = {}
    try:
        yield doc
    finally:
        for key in (_ENTS, _SENTS, _STARTS, _TEXT, _MEMO):
            doc.user_data.pop(key, None)


def text(doc: Doc) -> str:
    """doc.text joins every token on each access (seven times an article, once): this is the string, made once."""
    found = doc.user_data.get(_WHOLE_TEXT)
    if found is None:
        found = doc.user_data[_WHOLE_TEXT] = doc.text
    return found


def ents(doc: Doc) -> tuple[Span, ...]:
    found = doc.user_data.get(_ENTS)
    return found if found is not None else tuple(doc.ents)


def sents(doc: Doc) -> list[Span]:
    found = doc.user_data.get(_SENTS)
    return found if found is not None else list(doc.sents)


def sent_of(tok: Token) -> Span:
    starts = tok.doc.user_data.get(_STARTS)
    if starts is None:
        return tok.sent
    return tok.doc.user_data[_SENTS][bisect.bisect_right(starts, tok.i) - 1]


def memo(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """compute() once per doc inside `cached(doc)` (every call outside it computes afresh)."""
    store = doc.user_data.get(_MEMO)
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]
