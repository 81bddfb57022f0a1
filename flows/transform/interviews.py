"""Interview transcripts: paragraphs that open with the speaker's name and a colon ("Lindqvist: We were
surprised ...") or with Q:/A:. An answer is the interviewee's words (the person the article names most); a
question is left out, as the interviewer is rarely named.

A turn counts only in a transcript (two or more turns in the article) and only with a label a reader takes for
a speaker: a person's name or surname the article names, or Q/A. "Editor's note:", "CLARIFICATION:" and
"Washington:" are not speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc

from flows.transform.doccache import ents
from flows.transform.doccache import text as text_of

_TURN = re.compile(r"^[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)", re.M)
_QUESTION, _ANSWER = {"Q", "QUESTION"}, {"A", "ANSWER"}


class Turn(NamedTuple):
    start: int  # the words, after the label
    end: int
    speaker: tuple[str, int, int] | None  # the name as the article writes it and where; None: not known


def interview_turns(doc: Doc) -> list[Turn]:
    text = text_of(doc)
    people = [e for e in ents(doc) if e.label_ == "PERSON"]
    surnames = {e.text.split()[-1]: e for e in people}
    starts = {e.start_char: e.end_char for e in people}  # a label is a name when a person mention lies inside it
    turns: list[tuple[str, int, int, int]] = []
    for m in _TURN.finditer(text):
        label = m.group(1)
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        named = label.upper() in _QUESTION | _ANSWER or any(
            starts.get(i, len(text) + 1) <= m.end(1) for i in range(m.start(1), m.end(1))
        )
        if named or label.split()[-1] in surnames:
            turns.append((label, m.start(1), m.end(), end))
    if len(turns) < 2:
        return []
    interviewee = _most_named(doc, people)
    out = []
    for label, label_start, start, end in turns:
        if label.upper() in _QUESTION:
            continue  # the interviewer is rarely named: a question is not the interviewee's
        named = (label, label_start, label_start + len(label))
        out.append(Turn(start, end, interviewee if label.upper() in _ANSWER else named))
    return out


def _most_named(doc: Doc, people) -> tuple[str, int, int] | None:
    if not people:
        return None
    counts = Counter(e.text.split()[-1] for e in people)
    top = counts.most_common(1)[0][0]
    first = next(e for e in people if e.text.split()[-1] == top)
    return first.text, first.start_char, first.end_char
