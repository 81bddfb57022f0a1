"""Details of an event that the text states in words: when (dates against the publication date) and how many
were killed, injured or arrested (GDELT-style counts)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from spacy.tokens import Span, Token

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Words around a date that say nothing about which day it was.
_DATE_NOISE = re.compile(
    r"\b(?:early|late|earlier|later|on|this|that|the|in|at|around|about|almost|nearly|some|more than|just|"
    r"morning|afternoon|evening|night|overnight|dawn|midday|noon)\b",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
COUNT_LEMMAS = {
    "kill": "killed",
    "die": "killed",
    "dead": "killed",
    "death": "killed",
    "slay": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "injury": "injured",
    "arrest": "arrested",
    "detain": "arrested",
    "apprehend": "arrested",
}


def resolve_date(text: str, published: datetime | None) -> date | None:
    """The day a date expression names, read against the publication date; None when it cannot be known."""
    cleaned = " ".join(_DATE_NOISE.sub(" ", re.sub(r"['’]s\b", "", text)).split())
    lowered = cleaned.lower()
    if published is not None:
        base = published.date()
        for i, day in enumerate(_WEEKDAYS):
            if lowered == day or lowered == day + "s":
                # The most recent such day on or before publication: news reports the past.
                return base - timedelta(days=(base.weekday() - i) % 7)
        if lowered in ("today", "tonight"):
            return base
        if lowered == "yesterday":
            return base - timedelta(days=1)
    # Only expressions that name a day: a weekday, a relative day, or a month with a day ("October 10").
    # A bare year, a month alone or a number ("50", an age the model took for a date) is no event date.
    names_day = re.search(r"\b(?:ago|yesterday|today|tonight|last|past|previous)\b", lowered) or any(
        d in lowered for d in _WEEKDAYS
    )
    month_day = re.search(_MONTHS + r"\.?\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTHS, lowered) or re.search(
        r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", lowered
    )
    if not cleaned or not (names_day or month_day):
        return None
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = published
    has_year = bool(re.search(r"\b\d{4}\b", cleaned))
    if published is None and not has_year:
        return None  # a relative or yearless date needs a publication date to mean anything
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a variety of errors on odd strings; an unknown date is the answer
        return None
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published.date() and not has_year:
        day = day.replace(year=day.year - 1)  # "October 10" in a November article is last October
    return day


def _number(tok: Token) -> int | None:
    text = tok.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def _count_in(tokens) -> int | None:
    for tok in tokens:
        if (
            tok.like_num
            or tok.lower_ in _NUMBER_WORDS
            and tok.dep_ in ("nummod", "det", "nsubj", "nsubjpass", "dobj", "pobj", "quantmod")
        ):
            value = _number(tok)
            if value is not None:
                # "hundreds", "dozens" say many, not how many.
                if tok.lower_ in ("a", "an") and tok.head.lower_ in ("dozen", "hundred"):
                    continue
                return value
    return None


def casualty_counts(sent: Span) -> list[tuple[str, int, int]]:
    """(kind, number, char position) for phrases like "killed at least one person", "120 people were injured"."""
    found = []
    for tok in sent:
        kind = COUNT_LEMMAS.get(tok.lemma_.lower())
        if kind is None:
            continue
        value = None
        if tok.pos_ in ("VERB", "ADJ"):
            # Passive or intransitive ("120 people were injured", "two died"): the subject carries the number;
            # active ("killed at least one person"): the object does.
            for child in tok.children:
                if child.dep_ in ("nsubjpass", "nsubj", "dobj", "attr") and child.lower_ not in (
                    "that",
                    "which",
                    "who",
                ):
                    value = _count_in(child.subtree)
                    if value is not None:
                        break
            if value is None and tok.dep_ in ("acl", "amod", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
                value = _count_in(tok.head.subtree)  # "12 people arrested", "three soldiers killed"
        elif tok.pos_ == "NOUN":
            value = _count_in(tok.children)  # "two deaths", "15 injuries"
        if value is not None and value < 1_000_000:
            found.append((kind, value, tok.idx))
    return found
