"""Every field of a record is hostile until parsed: a value of the wrong type, a URL that names no web page, a date no
newspaper could carry, control characters, a title the size of a book. Such a value is left out of the article (the
source's value is kept in `extra.unparsed_<field>`, so nothing is lost) and reported as a FieldWarning, which the run
records in `input_warnings`; the article itself still loads. One odd field never costs the record, and one odd
record never costs the night.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# Longer metadata values are no title, name or id (a whole article pasted into `title`, say).
MAX_FIELD_CHARS = 2_000
MAX_URL_CHARS = 4_096
SHOWN_CHARS = 200  # of a bad value, in the warning
_HOST = re.compile(r"^(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)*[^\W_](?:[\w-]{0,61}[^\W_])?\.?$")


@dataclass(frozen=True)
class FieldWarning:
    field: str
    value: str  # what the source gave, shortened for the report
    reason: str


def shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else f"\\x{ord(ch):02x}" for ch in text[: SHOWN_CHARS * 2])
    return text[:SHOWN_CHARS] + ("..." if len(text) > SHOWN_CHARS else "")


def plain(text: str) -> str:
    """`text` without control or format characters and with lone surrogates (from a JSON escape such as \\ud800,
    which no file can store) replaced, white space collapsed."""
    out = []
    for ch in text:
        kind = unicodedata.category(ch)
        if kind == "Cs":
            out.append("\ufffd")
        elif kind in ("Cc", "Cf"):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def no_surrogates(text: str) -> str:
    """`text` with lone surrogates (which no file can store) replaced: unchanged when it has none."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


class Fields:
    """Reads the metadata fields of one record, collecting a warning for every value it leaves out."""

    def __init__(self, meta: dict[str, Any]):
        self.meta = meta
        self.warnings: list[FieldWarning] = []
        self.unparsed: dict[str, Any] = {}  # field → the source's value, for extra.unparsed_<field>

    def drop(self, field: str, value: Any, reason: str) -> None:
        self.warnings.append(FieldWarning(field, shown(value), reason))
        self.unparsed[field] = value

    def text(self, field: str, joinable: bool = False) -> str | None:
        """A string field (title, author, publisher): a number becomes its digits, a list of strings (authors) is
        joined with commas when `joinable`; anything else, or a value over MAX_FIELD_CHARS, is left out."""
        value = self.meta.get(field)
        if value is None or value == "":
            return None
        if joinable and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            found = ", ".join(x for x in (plain(v) for v in value) if x)
        elif isinstance(value, str):
            found = plain(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            found = str(value)
        else:
            self.drop(field, value, f"`{field}` must be text, not {_kind(value)}; the article loads without it")
            return None
        if len(found) > MAX_FIELD_CHARS:
            self.drop(
                field,
                value,
                f"`{field}` is {len(found):,} characters, over the {MAX_FIELD_CHARS:,} a {field} can be; the article "
                "loads without it",
            )
            return None
        return found or None

    def source_id(self) -> str | None:
        """The source's own id: text or a whole number (a float id such as 1e400 names nothing stable)."""
        value = self.meta.get("id")
        if isinstance(value, (float, bool)):
            self.drop(
                "id",
                value,
                f"`id` must be text or a whole number, not {_kind(value)}; the article loads with an id of its own",
            )
            return None
        return self.text("id")

    def url(self) -> str | None:
        value = self.meta.get("url")
        if value is None or value == "":
            return None
        problem = url_problem(value)
        if problem:
            self.drop("url", value, f"`url` {problem}; the article loads without it")
            return None
        return value.strip()


def url_problem(value: Any) -> str | None:
    """Why `value` is no web address (None when it is one): http or https (or no scheme, "example.com/news/1"), a
    host name, a port from 1 to 65535, no spaces or control characters."""
    if not isinstance(value, str):
        return f"must be text, not {_kind(value)}"
    url = value.strip()
    if len(url) > MAX_URL_CHARS:
        return f"is {len(url):,} characters, over the {MAX_URL_CHARS:,} a web address can be"
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in url):
        return "holds spaces or control characters"
    has_scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) and not re.match(r"^[^/:]+\.[^/:]+:\d+(/|$)", url)
    try:
        parts = urlsplit(url if has_scheme or url.startswith("//") else "//" + url)
        port = parts.port  # raises ValueError for a port that is no number or out of range
        host = parts.hostname or ""
    except ValueError as exc:
        return f"is no web address ({exc})"
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return f"is a {parts.scheme}: address, not a web page (http or https)"
    if not host or not (_HOST.match(host) or host.startswith("[")):
        return "names no host"
    if port == 0:
        return "has port 0"
    if not parts.scheme and "." not in host:
        return "names no host (give http:// or https:// and the site's name)"
    return None


def plausible_year(year: int) -> bool:
    """Years a news archive can carry: not year 1 of a mis-read "-0001", not a typo of the year 20245."""
    return 1000 <= year <= 2999


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
