"""Paragraph breaks are sentence breaks. The small model's parser often runs a sentence over a blank line ("...
the Kenya Red Cross said.\n\n''We will not allow ...''"), and a headline into the body; a quote or an event found
in such a sentence then takes its speaker or actor from the other paragraph. This component, placed before the
parser, marks the first token after a blank line, or after a line that ends a sentence, as a sentence start; the
parser keeps marks it is given. A single line break inside a sentence (hard-wrapped text) is left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDS = {".", "!", "?", '"', "”", "''", "’", ":"}


@Language.component("nightdesk_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    for tok in doc[1:]:
        gap = doc[tok.i - 1]
        if tok.is_space or not gap.is_space or "\n" not in gap.text:
            continue
        before = doc[gap.i - 1] if gap.i > 0 else None
        if gap.text.count("\n") >= 2 or (before is not None and before.text in _ENDS):
            tok.is_sent_start = True
    return doc
