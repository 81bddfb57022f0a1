"""The article record every reader produces, and how ids, hashes and dates are derived."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from nightdesk.extract.clean import clean_text
from nightdesk.extract.fields import Fields, FieldWarning, no_surrogates, plausible_year
from nightdesk.extract.furniture import date_of, leading_furniture, states_publication
from nightdesk.settings import Limits

# Keys of a JSONL record (CONTRACT.md) that map to columns; every other key is kept in `extra`.
RECORD_KEYS = ("id", "url", "title", "published", "author", "publisher", "text", "html")


class RejectedInput(Exception):
    """An input that cannot become an article; the message is the reason a person reads."""


@dataclass(frozen=True)
class Rejection:
    source_uri: str
    reason: str
    article_id: str | None = None  # set when the NLP pipeline rejected an article
    content_hash: str | None = None
    final: bool = False  # not tried again until the article changes


@dataclass(frozen=True)
class Article:
    article_id: str
    source_id: str | None
    source_uri: str
    url: str | None
    title: str | None
    author: str | None
    publisher: str | None
    published_at: datetime | None
    text: str
    content_hash: str
    extra: dict[str, Any] = field(default_factory=dict)
    published_offset_minutes: int | None = None  # the source's UTC offset: published_at + this is its local time
    body_start: int = 0  # where the body starts: a title, date line or byline above it is furniture (furniture.py)
    warnings: tuple[FieldWarning, ...] = ()  # fields left out because their values could not be parsed
    id_from: str = "id"  # what article_id derives from: the source's id, the file, the URL or the text (identity())
    legacy_id: str | None = None  # the id an earlier version gave this article, where it differs (flows/plan.py)

    @property
    def published_local(self) -> datetime | None:
        """The publication time on the source's own clock (UTC when it gave no offset): its "today"."""
        if self.published_at is None or not self.published_offset_minutes:
            return self.published_at
        return self.published_at + timedelta(minutes=self.published_offset_minutes)


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def identity(
    own_id: str | None, default_source_id: str | None, url: str | None, text: str, file_key: str | None
) -> tuple[str, str, str | None]:
    """(article_id, what it derives from, the id an earlier version gave the same article when it differs).

    Two different stories must never share an id, or the second silently replaces the first. In order: the source's
    own id (a record's `id`, a sidecar's); for a file, its absolute path (`file_key`: the folder given to --input
    and the path below it, so `day1/001.txt` and `day2/001.txt`, or two feeds' `story.txt`, stay apart; before, the
    path relative to the input named the article); for a record, its URL; else the text itself. The same id with
    another text is an update: the source said so by giving the same id, URL or file."""
    if own_id:
        return _hash("source", own_id)[:16], "id", None
    if file_key:
        legacy = _hash("source", default_source_id)[:16] if default_source_id else None
        return _hash("file", file_key)[:16], "file", legacy
    if default_source_id:  # a caller that names the source itself (evaluation sets, benchmarks)
        return _hash("source", default_source_id)[:16], "id", None
    if url:
        return _hash("url", url)[:16], "url", _hash("content", text)[:16]
    return _hash("content", text)[:16], "text", None


def parse_published(value: Any) -> datetime | None:
    """ISO-8601 date or date-time → naive UTC datetime; None when absent or not a date."""
    return parse_published_with_offset(value)[0]


def parse_published_with_offset(value: Any) -> tuple[datetime | None, int | None]:
    """The moment in naive UTC and the source's own UTC offset in minutes ("2024-01-17T06:30+08:00" → 2024-01-16
    22:30, 480): the offset keeps the local day, which is the day the article's "today" and "Wednesday" mean. The
    offset is None when the value gives none (a bare date or a naive time is taken as UTC)."""
    parsed = _parse_published(value)
    if parsed is None or parsed.tzinfo is None:
        return parsed, None
    offset = parsed.utcoffset()
    utc = _to_utc(parsed)
    return utc, (int(offset.total_seconds() // 60) if offset is not None and utc is not None else None)


def _parse_published(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None  # a number no calendar holds: kept in extra.unparsed_published
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return _parse_loose_date(text)
    return parsed


def _to_utc(parsed: datetime) -> datetime | None:
    """Naive UTC; None for a moment the calendar cannot hold in UTC (9999-12-31T23:59-05:00 is in year 10000)."""
    if parsed.tzinfo is None:
        return parsed
    try:
        return parsed.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):
        return None


def _parse_loose_date(text: str) -> datetime | None:
    # Feeds and pages write dates as "Sun, 07 Nov 2021 08:00:00 GMT" or "November 7, 2021".
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        import dateparser

        # Without the relative-time parser: "yesterday" or "2 hours ago" would resolve against the clock, so the
        # article would change (and be recomputed) every night. Such values stay unparsed, kept in extra.
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "RETURN_AS_TIMEZONE_AWARE": False,
                "STRICT_PARSING": True,
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            },
        )
        if parsed is None:
            return None
    return parsed


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _published(fields: Fields, raw: Any) -> tuple[datetime | None, int | None]:
    """The publication moment and offset, or (None, None) with a warning when the value is no date a news archive
    can carry (the source's value kept in extra.unparsed_published)."""
    if raw is None or raw == "":
        return None, None
    published_at, offset = parse_published_with_offset(raw)
    if published_at is not None and plausible_year(published_at.year):
        return published_at, offset
    reason = (
        f"`published` gives the year {published_at.year}, which no news archive carries"
        if published_at is not None
        else "`published` is no date (give ISO-8601 such as 2024-01-17T06:30:00+08:00, an RFC 822 date or a Unix "
        "time; 'yesterday' would need the clock)"
    )
    fields.drop("published", raw, reason + "; the article loads undated")
    return None, None


def _extra(value: Any) -> Any:
    """A record's other keys as JSON can hold them: no NaN or infinity (kept as their names), no lone surrogate."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return no_surrogates(value)
    if isinstance(value, dict):
        return {_extra(str(k)): _extra(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_extra(v) for v in value]
    return value


def _overrules(line: str, from_line: datetime, published_at: datetime | None) -> bool:
    """Does the text's own publication line ("This story is from March 13, 2002") name another day than a source
    that gave a day without a time of day? Then the source's date is a batch's or a month's, not the story's (ipe-dev
    gives 2002-03-01 for every story of March 2002), and the publisher's line wins. A source's date-time (the page's
    metadata, a feed's timestamp) is kept, and so is a date line that does not say it is the publication day."""
    if published_at is None or not states_publication(line):
        return False
    if (published_at.hour, published_at.minute, published_at.second) != (0, 0, 0):
        return False
    return from_line.date() != published_at.date()


def make_article(
    meta: dict[str, Any],
    raw_text: str,
    source_uri: str,
    default_source_id: str | None,
    limits: Limits = Limits(),
    file_key: str | None = None,
) -> Article:
    """Build the article from its metadata and raw text; raises RejectedInput when there is nothing to keep. A field
    whose value cannot be parsed is left out with a warning (flows/extract/fields.py), never the article."""
    if not isinstance(raw_text, str):
        raise RejectedInput(f"the article text must be a string, not {type(raw_text).__name__}")
    text = clean_text(raw_text).text
    if not text.strip():
        raise RejectedInput("no text after cleaning (empty or only white space): give the article body")
    limit = limits.max_article_chars
    if len(text) > limit:
        raise RejectedInput(
            f"the article is {len(text):,} characters, over the {limit:,}-character limit (NIGHTDESK_MAX_ARTICLE_CHARS): "
            "split it into articles of its own, or raise the limit (the parse needs about 1 GB of memory per 100,000 characters)"
        )
    fields = Fields(meta)
    own_id = fields.source_id()
    source_id = own_id or default_source_id
    published_raw = meta.get("published")
    published_at, offset = _published(fields, published_raw)
    title = fields.text("title")
    url = fields.url()
    author = fields.text("author", joinable=True)
    publisher = fields.text("publisher")
    extra = {_extra(str(k)): _extra(v) for k, v in meta.items() if k not in RECORD_KEYS}
    extra.update({f"unparsed_{name}": _extra(value) for name, value in fields.unparsed.items()})
    furniture = leading_furniture(text, title)
    from_text = []  # the fields the text's own furniture gave, where the source gave none
    if title is None and furniture.title:
        title = _optional_str(furniture.title)
        from_text.append("title")
    if furniture.date_text:
        from_line, line_offset = parse_published_with_offset(date_of(furniture.date_text))
        usable = from_line is not None and plausible_year(from_line.year)
        if usable and (published_raw in (None, "") or _overrules(furniture.date_text, from_line, published_at)):
            if published_raw not in (None, ""):
                extra["published_given"] = _extra(published_raw)  # what the source said, where the text overrules it
            published_at, offset = from_line, line_offset
            from_text.append("published")
    if author is None and furniture.byline:
        author = _optional_str(furniture.byline)
        from_text.append("author")
    if from_text:
        extra["fields_from_text"] = from_text
    if furniture.dateline:
        extra["dateline"] = furniture.dateline  # "NAIROBI, Kenya (AP)": where the wire story was filed, and by whom
    content_hash = _hash(
        text,
        json.dumps(
            [title, url, author, publisher, published_at.isoformat() if published_at else None]
            + ([offset] if offset is not None else []),  # (hashes of articles without an offset stay as they were)
            ensure_ascii=False,
        ),
        json.dumps(extra, sort_keys=True, ensure_ascii=False, default=str),
    )
    article_id, id_from, legacy_id = identity(own_id, default_source_id, url, text, file_key)
    return Article(
        article_id=article_id,
        source_id=source_id,
        source_uri=source_uri,
        url=url,
        title=title,
        author=author,
        publisher=publisher,
        published_at=published_at,
        text=text,
        content_hash=content_hash,
        extra=extra,
        published_offset_minutes=offset,
        body_start=furniture.body_start,
        warnings=tuple(fields.warnings),
        id_from=id_from,
        legacy_id=legacy_id if legacy_id != article_id else None,
    )
