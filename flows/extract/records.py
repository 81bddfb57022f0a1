"""The article record every reader produces, and how ids, hashes and dates are derived."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flows.extract.clean import clean_text
from flows.extract.furniture import date_of, leading_furniture
from flows.settings import Limits

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


def article_id_for(source_id: str | None, text: str) -> str:
    """Stable id: from the source's own id when there is one, else from the text itself."""
    if source_id:
        return _hash("source", source_id)[:16]
    return _hash("content", text)[:16]


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


def make_article(
    meta: dict[str, Any], raw_text: str, source_uri: str, default_source_id: str | None, limits: Limits = Limits()
) -> Article:
    """Build the article from its metadata and raw text; raises RejectedInput when there is nothing to keep."""
    text = clean_text(raw_text).text
    if not text.strip():
        raise RejectedInput("no text after cleaning (empty or only white space): give the article body")
    limit = limits.max_article_chars
    if len(text) > limit:
        raise RejectedInput(
            f"the article is {len(text):,} characters, over the {limit:,}-character limit (NIGHTDESK_MAX_ARTICLE_CHARS): "
            "split it into articles of its own, or raise the limit (the parse needs about 1 GB of memory per 100,000 characters)"
        )
    source_id = _optional_str(meta.get("id")) or default_source_id
    published_raw = meta.get("published")
    published_at, offset = parse_published_with_offset(published_raw)
    extra = {k: v for k, v in meta.items() if k not in RECORD_KEYS}
    if published_raw not in (None, "") and published_at is None:
        extra["unparsed_published"] = published_raw  # kept so nothing the source said is lost
    title = _optional_str(meta.get("title"))
    url = _optional_str(meta.get("url"))
    author = _optional_str(meta.get("author"))
    furniture = leading_furniture(text, title)
    from_text = []  # the fields the text's own furniture gave, where the source gave none
    if title is None and furniture.title:
        title = _optional_str(furniture.title)
        from_text.append("title")
    if published_raw in (None, "") and furniture.date_text:
        published_at, offset = parse_published_with_offset(date_of(furniture.date_text))
        if published_at is not None:
            from_text.append("published")
    if author is None and furniture.byline:
        author = _optional_str(furniture.byline)
        from_text.append("author")
    if from_text:
        extra["fields_from_text"] = from_text
    if furniture.dateline:
        extra["dateline"] = furniture.dateline  # "NAIROBI, Kenya (AP)": where the wire story was filed, and by whom
    publisher = _optional_str(meta.get("publisher"))
    content_hash = _hash(
        text,
        json.dumps(
            [title, url, author, publisher, published_at.isoformat() if published_at else None]
            + ([offset] if offset is not None else []),  # (hashes of articles without an offset stay as they were)
            ensure_ascii=False,
        ),
        json.dumps(extra, sort_keys=True, ensure_ascii=False, default=str),
    )
    return Article(
        article_id=article_id_for(source_id, text),
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
    )
