"""The lines above an article's body: its title, a date line and a byline.

Many sources put them into the text itself ("Microsoft waits for death of Internet Explorer 6\\n\\nTuesday, March 8,
2011\\n\\nWith development ..."; "Title.\\n\\nBy Jane Doe\\n\\nBody ..."). They are not body text: the parser would run
the title into the first sentence, and a quote or event there would take its words. The extractor keeps them as the
article's fields where the source gave none (title, published, author) and records where the body starts
(`articles.body_start_char`); the transform breaks sentences at each of these lines, so no quote or event runs
across them. A headline's own attribution ("Obama Says Museum Will Tell of 'Suffering'") stays a quote, as
annotators take it.

Only lines at the very top count, in this order: a title (the source's own title, or one short line without
end punctuation that has more text after it), then any of a date line and a byline. A first line that reads as a
sentence stays body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
MAX_DATE_LINE_CHARS = 60
MAX_BYLINE_WORDS = 12
_END_PUNCT = (".", "!", "?", ":", ";", ",")
_CLOSING_MARKS = "\"”’'"
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_LABEL = r"(?:Updated|Published|Posted|Last updated|This story is from)\s*(?:on)?:?\s*"
# Labels that say the date is the day the story was published (not a later update): such a line in the text is the
# publisher's own word, and wins over a source that gave a day without a time (transform/records.py).
_PUBLISHED_LABEL = re.compile(r"^(?:Published|Posted|This story is from)\b", re.IGNORECASE)
# "Tuesday, March 8, 2011", "8 March 2011", "2011-03-08", "Updated: Nov. 7, 2021 08:00 GMT".
_DATE_LINE = re.compile(
    rf"^(?:{_DATE_LABEL})?(?:{_WEEKDAY}\s*)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}){_TIME}\.?$",
    re.IGNORECASE,
)
# "This story is from March 13, 2002 bangalore: police ...": a site's date stamp run into the body's first line
# (the Times of India's pages as text).
_INLINE_DATE = re.compile(
    rf"^This story is from\s+(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}})\s+",
    re.IGNORECASE,
)
# "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By JANE DOE | Associated Press".
_BYLINE = re.compile(r"^By\s+(?P<who>[A-Z][\w.'’-]*(?:[\s,|&]+(?:and\s+)?[A-Z][\w.'’-]*)*)\.?$")

# "NAIROBI, Kenya (AP) --", "WASHINGTON —": capitals opening a paragraph, a dash after them.
DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’ -]{2,}(?:,[ \t]*[A-Z][\w.' -]*)?(?:[ \t]*\([\w .&-]+\))?[ \t]*(?:--|—|–)[ \t]*"
)
# "Okafor: ...", "Q: ...": the label of a turn in a transcript.
_LABEL = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}:\s")


@dataclass(frozen=True)
class Furniture:
    title: str | None = None
    date_text: str | None = None
    byline: str | None = None  # who, without "By"
    body_start: int = 0  # the first character of the body; before it every line is furniture
    line_starts: tuple[int, ...] = ()  # where each furniture line starts
    dateline: str | None = None  # "NAIROBI, Kenya (AP)": the wire dateline opening the body, without its dash


def _lines(text: str, limit: int = 6):
    """(start, end) of the first non-empty lines."""
    pos = 0
    while pos < len(text) and limit:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            yield pos, end
            limit -= 1
        pos = end + 1


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())

    return bool(norm(a)) and norm(a) == norm(b)


def is_date_line(line: str) -> bool:
    return len(line) <= MAX_DATE_LINE_CHARS and bool(_DATE_LINE.match(line.strip()))


def states_publication(line: str) -> bool:
    """Does the date line say it is the day of publication ("Published: ...", "This story is from ...")?"""
    return bool(_PUBLISHED_LABEL.match(line.strip()))


def date_of(line: str) -> str:
    """The date of a date line without its "Updated:" label, for the date parser."""
    return re.sub(rf"^{_DATE_LABEL}", "", line.strip(), flags=re.IGNORECASE)


def byline_of(line: str) -> str | None:
    line = line.strip()
    found = _BYLINE.match(line) if len(line.split()) <= MAX_BYLINE_WORDS + 1 else None
    return found.group("who").strip(" ,|") if found else None


def _is_title_line(line: str, title: str | None, others: list[str]) -> bool:
    if title and _same(line, title):
        return True
    label = _LABEL.match(line)
    if label and any(_LABEL.match(o) for o in others):
        return False  # "Okafor: Our city floods ...\n\nBerg: ...": turns of a transcript
    words = line.split()
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and len(line) <= MAX_TITLE_CHARS
        and not line.rstrip().rstrip(_CLOSING_MARKS).endswith(_END_PUNCT)  # "... on the final: 'Not ready'" is one
        and not is_date_line(line)
        and byline_of(line) is None
    )


def leading_furniture(text: str, title: str | None = None) -> Furniture:
    """The furniture at the top of `text` (cleaned article text); `title` is the source's own title, if any."""
    inline = _INLINE_DATE.match(text)
    if inline and text[inline.end() :].strip():
        start = inline.end()
        wire = DATELINE.match(text, start)
        dateline = wire.group(0).strip().rstrip("-—– ").strip() if wire else None
        return Furniture(None, inline.group(0).strip(), None, start, (0,), dateline)
    lines = list(_lines(text))
    if len(lines) < 2:
        return Furniture()
    found_title = date_text = byline = None
    starts: list[int] = []
    k = 0
    first = text[lines[0][0] : lines[0][1]].strip()
    if _is_title_line(first, title, [text[a:b].strip() for a, b in lines[1:]]):
        found_title, k = first, 1
        starts.append(lines[0][0])
    while k < len(lines) - 1:  # a body must follow
        line = text[lines[k][0] : lines[k][1]].strip()
        if date_text is None and is_date_line(line):
            date_text = line
        elif byline is None and (who := byline_of(line)):
            byline = who
        else:
            break
        starts.append(lines[k][0])
        k += 1
    body = lines[k][0] if starts else 0
    wire = DATELINE.match(text, body)
    dateline = wire.group(0).strip().rstrip("-—– ").strip() if wire else None
    if not starts:
        return Furniture(dateline=dateline)
    return Furniture(found_title, date_text, byline, body, tuple(starts), dateline)
