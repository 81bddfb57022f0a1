"""Details of an event that the text states in words: when (dates against the publication date) and how many
were killed, injured or arrested (GDELT-style counts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from nightdesk.transform.text.doccache import ents, sent_of
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.syntax import PLACE_LABELS, Phrase

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
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


# A planned act may lie this many years ahead (sql/checks/event_dates_plausible.sql allows ten).
MAX_YEARS_AHEAD = 5


@dataclass(frozen=True)
class When:
    """A resolved date and how much of it the text gives: "day", "week" (the week's Monday), "month" (its first day)
    or "year" (1 January)."""

    day: date
    precision: str


_RELATIVE_SPAN = re.compile(r"\b(last|past|previous|this|next|coming)\s+(week|month|year)\b")
_MONTH_ONLY = re.compile(r"^(" + _MONTHS + r")\.?(?:\s+(\d{4}))?$")
_MONTH_NUMBER = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


def resolve_date(text: str, published: datetime | None, future: bool = False) -> When | None:
    """The date a date expression names, read against the publication date (on the source's clock); None when it
    cannot be known. News reports the past, so "Friday" and "October 10" are the last ones before publication,
    unless `future`: in a future or planned clause ("will meet on Thursday") they are the next ones."""
    cleaned = " ".join(_DATE_NOISE.sub(" ", re.sub(r"['’]s\b", "", text)).split())
    lowered = cleaned.lower()
    base = published.date() if published is not None else None
    if base is not None:
        for i, day in enumerate(WEEKDAYS):
            if lowered in (day, day + "s", "next " + day, "last " + day):
                ahead = future or lowered.startswith("next ")
                shift = -((base.weekday() - i) % 7) if not ahead else ((i - base.weekday()) % 7 or 7)
                return When(base + timedelta(days=shift), "day")
        if lowered in ("today", "tonight"):
            return When(base, "day")
        if lowered in ("yesterday", "tomorrow"):
            return When(base + timedelta(days=1 if lowered == "tomorrow" else -1), "day")
        span = _RELATIVE_SPAN.search(text.lower())
        if span:
            return _relative_span(base, span.group(1), span.group(2))
    month_only = _MONTH_ONLY.match(lowered)
    if month_only:
        return _month(month_only.group(1), month_only.group(2), base, future)
    if re.fullmatch(r"(1[89]|20)\d\d", lowered):
        year = int(lowered)
        if base is not None and not (year <= base.year or (future and year <= base.year + MAX_YEARS_AHEAD)):
            return None  # "by 2050": a goal's horizon, not the day anything happened
        return When(date(year, 1, 1), "year")
    # Expressions that name a day: a weekday, a relative day, or a month with a day ("October 10").
    # A number alone ("50", an age the model took for a date) is no event date.
    names_day = re.search(r"\b(?:ago|yesterday|today|tonight|tomorrow|last|past|previous|next)\b", lowered) or any(
        d in lowered for d in WEEKDAYS
    )
    month_day = re.search(_MONTHS + r"\.?\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTHS, lowered) or re.search(
        r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", lowered
    )
    if not cleaned or not (names_day or month_day):
        return None
    has_year = bool(re.search(r"\b\d{4}\b", cleaned))
    if published is None and not has_year:
        return None  # a relative or yearless date needs a publication date to mean anything
    import dateparser

    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = published
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a variety of errors on odd strings; an unknown date is the answer
        return None
    if parsed is None:
        return None
    day = parsed.date()
    if base is not None and not has_year:
        if not future and day > base:
            day = _with_year(day, day.year - 1)  # "October 10" in a November article is last October
        elif future and day < base:
            day = _with_year(day, day.year + 1)  # "June 27" in a May article's plan is this June; in July, next June
    return When(day, "day")


def _with_year(day: date, year: int) -> date:
    return day.replace(year=year, day=min(day.day, 28 if day.month == 2 else day.day))


def _relative_span(base: date, which: str, unit: str) -> When:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "week":
        return When(base - timedelta(days=base.weekday()) + timedelta(weeks=step), "week")
    if unit == "month":
        months = base.year * 12 + base.month - 1 + step
        return When(date(months // 12, months % 12 + 1, 1), "month")
    return When(date(base.year + step, 1, 1), "year")


def _month(name: str, year: str | None, base: date | None, future: bool) -> When | None:
    month = _MONTH_NUMBER[name[:3]]
    if year:
        return When(date(int(year), month, 1), "month")
    if base is None:
        return None
    if not future and month > base.month:
        return When(date(base.year - 1, month, 1), "month")  # "in November" of a March article: last November
    if future and month < base.month:
        return When(date(base.year + 1, month, 1), "month")
    return When(date(base.year, month, 1), "month")


def _number(tok: Token) -> int | None:
    text = tok.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    value = _NUMBER_WORDS.get(text)
    if value in (20, 30, 40, 50, 60, 70, 80, 90):  # "sixty-three", "twenty five": the tens and their unit
        doc, i = tok.doc, tok.i + 1 + (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-")
        unit = _NUMBER_WORDS.get(doc[i].lower_) if i < len(doc) else None
        if unit is not None and 1 <= unit <= 9 and doc[i].lower_ not in ("a", "an"):
            return value + unit
    return value


def _not_a_count(tok: Token) -> bool:
    """An age ("Daniel Montalvo, 19,"), a year, a date, a share, a sum or a tally ("52-48") is no head count."""
    doc = tok.doc
    if tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL") or re.fullmatch(r"\d+[-–]\d+", tok.text):
        return True
    between_commas = 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "," and doc[tok.i + 1].text in (",", ".")
    return between_commas and doc[tok.i - 2].pos_ == "PROPN" if tok.i >= 2 else False


def _count_in(tokens) -> int | None:
    for tok in tokens:
        if _not_a_count(tok):
            continue
        if (
            tok.like_num
            or tok.lower_ in _NUMBER_WORDS
            and tok.dep_ in ("nummod", "det", "nsubj", "nsubjpass", "dobj", "pobj", "quantmod")
        ):
            value = _number(tok)
            if value is not None:
                # "hundreds", "dozens" say many, not how many; "a total of 346", "a number of people": not one.
                if tok.lower_ in ("a", "an") and tok.head.lower_ in ("dozen", "hundred", "total", "number", "lot"):
                    continue
                return value
    return None


# A number said of a period or of several happenings is a statistic, not one event's count: "more than 2,500
# civilians have been killed this year", "killed a total of 346 in two crashes", "arrested since 2001".
_TALLY = re.compile(
    r"\bthis (?:year|decade)\b|\b(?:every|each|per) (?:year|month|week|day)\b|\ba total of\b|\bin total\b|"
    r"\bin all\b|\baltogether\b|\bso far\b|\bto date\b|\bsince (?:19|20)\d\d\b|\bannually\b|"
    r"\bover the (?:past|last)\b|\bin (?:recent )?(?:years|months|decades)\b",
    re.IGNORECASE,
)


def tally(tok: Token) -> bool:
    """The casualty word's clause speaks of a period or several happenings (_TALLY): its number is a statistic."""
    return _period(tok) is not None


def _period(tok: Token) -> str | None:
    """The words of the casualty word's clause that make its number a statistic ("this year", "so far"), if any."""
    clause = tok if tok.pos_ in ("VERB", "ADJ") or tok.head.i == tok.i else tok.head
    end = clause.right_edge.idx + len(clause.right_edge)
    found = _TALLY.search(text_of(tok.doc)[clause.left_edge.idx : end])
    return found.group(0) if found else None


def casualty_counts(sent: Span) -> list[tuple[str, int, int]]:
    """(kind, number, char position) for phrases like "killed at least one person", "120 people were injured";
    never a statistic ("killed this year", "a total of 346": tally(), statistics())."""
    return [(kind, value, tok.idx) for kind, value, tok in _counted(sent) if not tally(tok)]


def statistics(sent: Span) -> list[tuple[str, int, Token, str]]:
    """(kind, number, casualty word, the words that make it a statistic) for a number said of a period or of several
    happenings ("more than 2,500 civilians have been killed this year", "killed a total of 346"): kept apart from
    the events (the event_statistics table), never one event's count."""
    return [(kind, value, tok, period) for kind, value, tok in _counted(sent) if (period := _period(tok))]


def _counted(sent: Span) -> list[tuple[str, int, Token]]:
    found = []
    for tok in sent:
        kind = COUNT_LEMMAS.get(tok.lemma_.lower())
        if kind is None:
            continue
        value = None
        if tok.pos_ in ("VERB", "ADJ"):
            # Passive or intransitive ("120 people were injured", "two died"): the subject carries the number;
            # active ("killed at least one person"): the object does, and the subject never ("two gunmen killed
            # the minister", "a car bomb killed 12 people": the killers are not the killed).
            roles = {c.dep_: c for c in tok.children if c.lower_ not in ("that", "which", "who")}
            if "nsubjpass" in roles:
                carriers = ("nsubjpass",)
            elif "dobj" in roles:
                carriers = ("dobj",)
            else:
                carriers = ("nsubj", "attr")
            for dep in carriers:
                if dep in roles:
                    value = _count_in(roles[dep].subtree)
                    if value is not None:
                        break
            if value is None and tok.dep_ in ("acl", "amod", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
                value = _count_in(tok.head.subtree)  # "12 people arrested", "three soldiers killed"
        elif tok.pos_ == "NOUN":
            value = _count_in(tok.children)  # "two deaths", "15 injuries"
        if value is not None and value < 1_000_000:
            found.append((kind, value, tok))
    return found


# Prepositions that put a happening somewhere ("in Kharkiv", "near Erbil", "outside parliament").
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "along"}


def _locative(place: Span) -> bool:
    return place.root.dep_ == "pobj" and place.root.head.lower_ in _LOCATIVE


def event_place(doc: Doc, tok: Token, actor: Phrase | None = None, target: Phrase | None = None) -> Phrase | None:
    """Where the event happened: the nearest place named in the trigger's phrase, else its head's, else its
    sentence's; a place after "in", "at", "near", ... before a bare one, and never a place inside the actor's words
    or the target's ("Russia struck a store in Kharkiv" happened in Kharkiv), unless the target is the place itself
    ("visited Rangoon")."""

    def inside(place: Span, who: Phrase | None) -> bool:
        return who is not None and who.start < place.end_char and place.start_char < who.end

    scopes = [
        range(tok.left_edge.i, tok.right_edge.i + 1),
        range(tok.head.left_edge.i, tok.head.right_edge.i + 1),
        range(sent_of(tok).start, sent_of(tok).end),
    ]
    for scope in scopes:
        places = [
            e
            for e in ents(doc)
            if e.label_ in PLACE_LABELS
            and e.start in scope
            and not inside(e, actor)
            and not (inside(e, target) and target.ref != (e.start_char, e.end_char))
        ]
        if places:
            best = min([e for e in places if _locative(e)] or places, key=lambda e: abs(e.start - tok.i))
            return Phrase(best.text, best.start_char, best.end_char, (best.start_char, best.end_char))
    return None
