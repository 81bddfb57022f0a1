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
        first_in_paragraph = True
        while i < p_end:
            ch = text[i]
            prev = text[i - 1] if i > p_start else ""
            if text.startswith("''", i) or text.startswith("``", i):
                # Wire and NYT copy write a double quote as two single marks: read them as one '"'.
                ch = '"'
                if opened_at < 0 and prev not in _BEFORE_OPEN:
                    i += 2
                    continue
                if opened_at >= 0 and not single:
                    spans.append(
                        _make(
                            text,
                            opened_at + 1 + (text[opened_at] in "'`"),
                            i,
                            True,
                            previous_unclosed and first_in_paragraph,
                        )
                    )
                    first_in_paragraph = False
                    opened_at = -1
                    i += 2
                    continue
                if opened_at < 0:
                    opened_at, closer, single = i, '"', False
                    i += 2
                    continue
            if opened_at < 0:
                if ch in _OPENERS and (ch != '"' or prev in _BEFORE_OPEN):
                    opened_at, closer, single = i, _OPENERS[ch], False
                elif ch == "‘" and prev in _BEFORE_OPEN:
                    opened_at, closer, single = i, "’", True
                elif ch == "'" and prev in _BEFORE_OPEN and i + 1 < p_end and text[i + 1].isalpha():
                    opened_at, closer, single = i, "'", True
            elif single:
                if ch == closer and not _is_apostrophe(text, i):
                    spans.append(_make(text, opened_at + 1, i, True, previous_unclosed and first_in_paragraph))
                    first_in_paragraph = False
                    opened_at = -1
                elif ch in "“«":  # a double quote inside a single one: the single was an apostrophe after all
                    opened_at, closer, single = i, _OPENERS[ch], False
            elif ch in _DOUBLE_CLOSERS and (ch != "“" or closer == "“") and ch != "«" or ch == "»" and closer == "»":
                spans.append(_make(text, opened_at + 1, i, True, previous_unclosed and first_in_paragraph))
                first_in_paragraph = False
                opened_at = -1
            i += 1
        unclosed_here = opened_at >= 0 and not single
        if unclosed_here:
            spans.append(_make(text, opened_at + 1, p_end, False, previous_unclosed and first_in_paragraph))
        previous_unclosed = unclosed_here
    return [s for s in spans if s.end > s.start]


def _make(text: str, start: int, end: int, closed: bool, continues: bool) -> Marked:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Marked(start, end, closed, continues)
