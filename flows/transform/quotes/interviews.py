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

from spacy.tokens import Doc, Span

from nightdesk.transform.text.doccache import ents
from nightdesk.transform.text.doccache import text as text_of

_TURN = re.compile(r"^[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)", re.M)
_QUESTION, _ANSWER = {"Q", "QUESTION"}, {"A", "ANSWER"}


class Turn(NamedTuple):
    start: int  # the words, after the label
    end: int
    speaker: tuple[str, int, int] | None  # the name as the article writes it and where; None: not known
    ref: tuple[int, int] | None  # the person mention the speaker is (the label's own, or the full name it stands for)


def interview_turns(doc: Doc) -> list[Turn]:
    text = text_of(doc)
    people = [e for e in ents(doc) if e.label_ == "PERSON"]
    by_surname: dict[str, Span] = {}
    for e in people:
        by_surname.setdefault(e.text.split()[-1], e)  # the first mention: "Lindqvist:" after "Anna Lindqvist"
    by_start = {e.start_char: e for e in people}  # a label is a name when a person mention lies inside it
    turns: list[tuple[str, int, int, int, Span | None]] = []
    for m in _TURN.finditer(text):
        label = m.group(1)
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        inside = next(
            (e for i in range(m.start(1), m.end(1)) if (e := by_start.get(i)) is not None and e.end_char <= m.end(1)),
            None,
        )
        person = inside or by_surname.get(label.split()[-1])
        if label.upper() in _QUESTION | _ANSWER or person is not None:
            turns.append((label, m.start(1), m.end(), end, person))
    if len(turns) < 2:
        return []
    interviewee = _most_named(people)
    out = []
    for label, label_start, start, end, person in turns:
        if label.upper() in _QUESTION:
            continue  # the interviewer is rarely named: a question is not the interviewee's
        if label.upper() in _ANSWER:
            who = (interviewee.text, interviewee.start_char, interviewee.end_char) if interviewee else None
            ref = (interviewee.start_char, interviewee.end_char) if interviewee else None
        else:
            who = (label, label_start, label_start + len(label))
            ref = (person.start_char, person.end_char)
        out.append(Turn(start, end, who, ref))
    return out


def _most_named(people: list[Span]) -> Span | None:
    if not people:
        return None
    top = Counter(e.text.split()[-1] for e in people).most_common(1)[0][0]
    return next(e for e in people if e.text.split()[-1] == top)
