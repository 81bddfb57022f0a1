"""Paragraph breaks are sentence breaks. The small model's parser often runs a sentence over a blank line ("...
the Kenya Red Cross said.\n\n''We will not allow ...''"), and a headline into the body; a quote or an event found
in such a sentence then takes its speaker or actor from the other paragraph. This component, placed before the
parser, marks the first token after a line break as a sentence start; the parser keeps marks it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("nightdesk_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    after_break = False
    for tok in doc:
        if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ == "\n"):
            after_break = True
            continue
        if after_break and not tok.is_space:
            tok.is_sent_start = True
            after_break = False
    return doc
