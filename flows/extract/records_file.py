"""JSONL / JSON files of article records (CONTRACT.md, "JSONL record")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from nightdesk.extract.html import extract_html
from nightdesk.extract.records import Article, RejectedInput, Rejection, make_article
from nightdesk.settings import Limits


def record_to_article(record: Any, source_uri: str, limits: Limits = Limits()) -> Article:
    if not isinstance(record, dict):
        raise RejectedInput(f"a record must be a JSON object, got {type(record).__name__}")
    text = record.get("text")
    html = record.get("html")
    meta = dict(record)
    if isinstance(text, str) and text.strip():
        raw = text
    elif isinstance(html, str) and html.strip():
        url = record.get("url")
        raw, page_meta = extract_html(html, url=url if isinstance(url, str) else None, limits=limits)
        meta = {**page_meta, **{k: v for k, v in record.items() if v not in (None, "")}}
    elif not isinstance(text, (str, type(None))) or not isinstance(html, (str, type(None))):
        given = "text" if not isinstance(text, (str, type(None))) else "html"
        raise RejectedInput(f"`{given}` must be a string, not {type(record[given]).__name__}: give the article as text")
    else:
        raise RejectedInput("record has no text: give a non-empty `text` or `html` field")
    meta.pop("text", None)
    meta.pop("html", None)
    return make_article(meta, raw, source_uri, default_source_id=None, limits=limits)


def _parse_json_document(content: str) -> list[Any] | None:
    """A .json file may hold one record or a list of them; None when it is JSON Lines instead."""
    try:
        doc = json.loads(content)
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, list) else [doc]


def read_records(
    content: str,
    uri: str,
    allow_document: bool,
    on_read: Callable[[int], None] = lambda _n: None,
    limits: Limits = Limits(),
) -> Iterator[Article | Rejection]:
    """One article or rejection per record. `on_read` hears how many records there are before any is parsed, so
    a record that vanishes on the way shows up in the run's reconciliation."""
    records = _parse_json_document(content) if allow_document else None
    if records is not None:
        on_read(len(records))
        for i, record in enumerate(records, start=1):
            yield _one(record, f"{uri}#record{i}", limits)
        return
    lines = [(n, line) for n, line in enumerate(content.splitlines(), start=1) if line.strip()]
    on_read(len(lines))
    for lineno, line in lines:
        where = f"{uri}#L{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"malformed JSON on line {lineno}: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Rejection(where, f"JSON on line {lineno} is nested too deeply to read")
            continue
        except ValueError as exc:  # e.g. an integer of thousands of digits
            yield Rejection(where, f"JSON on line {lineno} could not be read: {exc}")
            continue
        yield _one(record, where, limits)


def _one(record: Any, where: str, limits: Limits) -> Article | Rejection:
    try:
        return record_to_article(record, where, limits)
    except RejectedInput as exc:
        return Rejection(where, str(exc))
    except (Exception, RecursionError) as exc:  # a record no rule foresaw must not stop the others
        return Rejection(where, f"record could not be read ({type(exc).__name__}: {exc}); check its fields' types")
