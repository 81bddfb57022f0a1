"""Where sentences must break whatever the parser thinks: paragraph breaks, wire datelines, photo credits and the
lines of furniture above the body (flows/extract/furniture.py).

The small model's parser often runs a sentence over a blank line ("... the Kenya Red Cross said.\n\n''We will
not allow ...''"), a headline into the body, a dateline into the lede ("NAIROBI, Kenya (AP) -- Kenyan police
fired ...") and a photo credit into the next sentence ("Credit … Office of the Prime Minister of Iraq, through the
EPA Mr al-Sadr, whose movement ..., described the attack": the credit became the speaker). A quote or event found
in such a sentence takes its speaker or actor from the furniture or the other paragraph. This component, placed
before the parser, marks sentence starts there; the parser keeps marks it is given. A single line break inside a
sentence (hard-wrapped text) is left alone.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nightdesk.extract.furniture import DATELINE
from nightdesk.transform.text.doccache import text

_ENDS = {".", "!", "?", '"', "”", "''", "’", ":"}
# "Credit … Office of the Prime Minister of Iraq, through the EPA", "Credit: Jane Doe/Reuters": the credit runs to
# its agency (an acronym, or one or two capitalised words) after "through", "via", "for" or a slash.
_CREDIT = re.compile(
    r"\b(?:Photo )?Credits?[ \t]*(?:…|\.\.\.|:)[^\n]{0,160}?(?:\bthrough|\bvia|\bfor|/)[ \t]*(?:the[ \t]+)?"
    r"(?:[A-Z]{2,}\b|[A-Z][\w&-]+(?:[ \t][A-Z][\w&-]+)?)"
)


_BODY_START = "nd_body_start"


def with_body_start(doc: Doc, body_start: int) -> Doc:
    """Tell the components where the body starts (articles.body_start_char): above it is furniture."""
    if body_start:
        doc.user_data[_BODY_START] = body_start
    return doc


def body_start(doc: Doc) -> int:
    return doc.user_data.get(_BODY_START, 0)


@Language.component("nightdesk_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    for tok in doc[1:]:
        gap = doc[tok.i - 1]
        if tok.is_space or not gap.is_space or "\n" not in gap.text:
            continue
        before = doc[gap.i - 1] if gap.i > 0 else None
        if gap.text.count("\n") >= 2 or (before is not None and before.text in _ENDS):
            tok.is_sent_start = True
    whole = text(doc)
    for m in [*DATELINE.finditer(whole), *_CREDIT.finditer(whole)]:
        for char in (m.start(), m.end()):
            _start_at(doc, char)
    body = body_start(doc)
    if body:  # each furniture line, and the body, starts a sentence of its own ("Title\nBy Jane Doe\nBody ...")
        for char in [0, *(i + 1 for i, ch in enumerate(whole[:body]) if ch == "\n"), body]:
            _start_at(doc, char)
    return doc


def _start_at(doc: Doc, char: int) -> None:
    """Mark the first word token at or after `char` as a sentence start."""
    whole = text(doc)
    while char < len(whole) and whole[char].isspace():
        char += 1
    if char >= len(whole):
        return
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    tok = span[0]
    while tok.i < len(doc) - 1 and tok.is_space:
        tok = doc[tok.i + 1]
    if tok.i > 0 and not tok.is_space:
        tok.is_sent_start = True
