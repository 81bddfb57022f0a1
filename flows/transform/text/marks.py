"""Spans inside quotation marks, robust to real text: curly, straight, guillemet and single marks; quotes that
run over several paragraphs (a paragraph that opens a quote without closing it continues in the next one);
unbalanced marks. Never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n+")
_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
# Marks that close a double quote whatever opened it (straight and curly are mixed in real copy).
_DOUBLE_CLOSERS = {"”", '"', "“"}
_BEFORE_OPEN = set(" \t\n([{—–-/:;,") | {""}


@dataclass(frozen=True)
class Marked:
    start: int  # first character inside the marks
    end: int  # one past the last character inside
    closed: bool  # False: the paragraph ended first (the quote continues in the next paragraph)
    continues: bool  # opened a paragraph right after an unclosed quote: the same voice goes on


def _paragraphs(text: str):
    start = 0
    for m in _PARAGRAPH.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


# "Microsoft 's market share", "we 're": a clitic after a space (tokenized copy such as Wikinews dumps) is an
# apostrophe, not a single quote opening.
_CLITIC = re.compile(r"(?:s|re|ve|ll|d|m|t)(?![\w'’])", re.IGNORECASE)


def _closes_first(text: str, start: int, end: int) -> bool:
    """Does the paragraph's first double quotation mark close a quotation (it follows a word, not a space), with no
    mark at the paragraph's start?"""
    if start >= end or text[start] in _OPENERS or text.startswith(("''", "``"), start):
        return False
    for j in range(start, end):
        if text[j] in _DOUBLE_CLOSERS or text.startswith("''", j):
            return j > start and not text[j - 1].isspace() and text[j] != "“"
    return False


def _is_apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return prev.isalnum() and (nxt.isalnum() or nxt == "")


def find_marked(text: str) -> list[Marked]:
    spans: list[Marked] = []
    previous_unclosed = False
    for p_start, p_end in _paragraphs(text):
        i = p_start
        opened_at = -1
        closer = ""
        single = False
        if previous_unclosed and _closes_first(text, p_start, p_end):
            # "He said, \"In the first half it felt good.\n\nWe could have scored two.\" After ...": the quotation
            # goes on without the mark that would reopen it, up to its close.
            opened_at, closer = p_start - 1, '"'

        while i < p_end:
            ch = text[i]
            prev = text[i - 1] if i > p_start else ""
            step, closed_at, inner_start = 1, -1, opened_at + 1
            if text.startswith("''", i) or text.startswith("``", i):
                # Wire and NYT copy write a double quote as two single marks: read them as one '"'.
                ch = '"'
                if opened_at < 0 and prev not in _BEFORE_OPEN:
                    i += 2
                    continue
                if opened_at >= 0 and not single:
                    closed_at, inner_start, step = i, opened_at + 1 + (text[opened_at] in "'`"), 2
                elif opened_at < 0:
                    opened_at, closer, single, step = i, '"', False, 2
            if step == 2:
                pass  # the two marks opened or closed a quote
            elif opened_at < 0:
                if ch in _OPENERS and (ch != '"' or prev in _BEFORE_OPEN):
                    opened_at, closer, single = i, _OPENERS[ch], False
                elif ch == "‘" and prev in _BEFORE_OPEN:
                    opened_at, closer, single = i, "’", True
                elif (
                    ch == "'"
                    and prev in _BEFORE_OPEN
                    and i + 1 < p_end
                    and text[i + 1].isalpha()
                    and not _CLITIC.match(text, i + 1)
                ):
                    opened_at, closer, single = i, "'", True
            elif single:
                if ch == closer and not _is_apostrophe(text, i):
                    closed_at = i
                elif ch in "“«":  # a double quote inside a single one: the single was an apostrophe after all
                    opened_at, closer, single = i, _OPENERS[ch], False
            elif ch in _DOUBLE_CLOSERS and (ch != "“" or closer == "“") and ch != "«" or ch == "»" and closer == "»":
                closed_at = i
            if closed_at >= 0:
                spans.append(_make(text, inner_start, closed_at, True, previous_unclosed, p_start, opened_at))
                opened_at = -1
            i += step
        unclosed_here = opened_at >= 0 and not single
        if unclosed_here:
            spans.append(_make(text, opened_at + 1, p_end, False, previous_unclosed, p_start, opened_at))
        previous_unclosed = unclosed_here
    return [s for s in spans if s.end > s.start]


def _make(text: str, start: int, end: int, closed: bool, after_unclosed: bool, p_start: int, opened_at: int) -> Marked:
    """The span inside the marks, trimmed; it continues the voice of a paragraph left open when its mark opens this
    paragraph (only white space before it; an earlier quote of the paragraph would stand there)."""
    continues = after_unclosed and not text[p_start : max(opened_at, p_start)].strip()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Marked(start, end, closed, continues)
