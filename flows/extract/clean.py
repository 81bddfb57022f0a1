"""Text cleaning that keeps a map back to the raw characters.

Real input carries leading blank lines, runs of spaces, Windows line ends and decomposed Unicode. The
warehouse stores the cleaned text, and every offset in it indexes that text; evaluation data indexes the raw
text, so `clean_text` also says, for each cleaned character, where it came from.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Horizontal white space that collapses to one plain space (tabs, no-break and typographic spaces).
_SPACES = frozenset(
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000 "
)
# Invisible characters that only get in the way of tokenization (zero-width, BOM, soft hyphen).
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_NEWLINES = frozenset("\n\u2028\u2029\x0b\x0c\x85")


@dataclass(frozen=True)
class Cleaned:
    text: str
    # source_index[i] is the index in the raw text of cleaned character i.
    source_index: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span that cleaned span [start, end) came from."""
        if start >= end:
            pos = (
                self.source_index[start]
                if start < len(self.source_index)
                else (self.source_index[-1] + 1 if self.source_index else 0)
            )
            return pos, pos
        return self.source_index[start], self.source_index[end - 1] + 1


def _nfc_with_index(raw: str) -> tuple[list[str], list[int]]:
    if unicodedata.is_normalized("NFC", raw):
        return list(raw), list(range(len(raw)))
    chars: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(raw):
        j = i + 1
        while j < len(raw) and unicodedata.combining(raw[j]):
            j += 1
        for ch in unicodedata.normalize("NFC", raw[i:j]):
            chars.append(ch)
            index.append(i)
        i = j
    return chars, index


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in "\n\t"


def clean_text(raw: str) -> Cleaned:
    """NFC-normalize, unify line ends, collapse runs of spaces and blank lines, trim. Quotes stay as written."""
    raw = raw.replace("\r\n", "\n\x00")  # \r\n → one newline; the placeholder keeps indexes aligned
    chars, index = _nfc_with_index(raw)
    out: list[str] = []
    out_index: list[int] = []
    pending_space = -1  # raw index of a space run not yet written
    newlines: list[int] = []  # raw indexes of a newline run not yet written
    for ch, pos in zip(chars, index, strict=True):
        if ch == "\x00" or ch in _DROP:
            continue
        if ch == "\r" or ch in _NEWLINES:
            newlines.append(pos)
            pending_space = -1  # spaces at a line end are dropped
            continue
        if ch in _SPACES:
            if pending_space < 0 and not newlines:
                pending_space = pos
            continue
        if _is_control(ch):
            continue
        if "\ud800" <= ch <= "\udfff":  # a lone surrogate (a JSON escape such as \ud800): no file can store it
            ch = "\ufffd"
        if newlines:
            if out:  # leading blank lines vanish; inner runs become one line break or one paragraph break
                for p in newlines[:2]:
                    out.append("\n")
                    out_index.append(p)
            newlines = []
            pending_space = -1
        elif pending_space >= 0:
            if out:
                out.append(" ")
                out_index.append(pending_space)
            pending_space = -1
        out.append(ch)
        out_index.append(pos)
    return Cleaned("".join(out), tuple(out_index))
