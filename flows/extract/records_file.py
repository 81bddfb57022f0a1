"""JSONL / JSON files of article records (CONTRACT.md, "JSONL record")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flows.extract.html import extract_html
from flows.extract.records import Article, RejectedInput, Rejection, make_article


def record_to_article(record: Any, source_uri: str) -> Article:
    if not isinstance(record, dict):
        raise RejectedInput(f"a record must be a JSON object, got {type(record).__name__}")
    text = record.get("text")
    html = record.get("html")
    meta = dict(record)
    if isinstance(text, str) and text.strip():
        raw = text
    elif isinstance(html, str) and html.strip():
        url = record.get("url")
        raw, page_meta = extract_html(html, url=url if isinstance(url, str) else None)
        meta = {**page_meta, **{k: v for k, v in record.items() if v not in (None, "")}}
    else:
        raise RejectedInput("record has no text: give a non-empty `text` or `html` field")
    meta.pop("text", None)
    meta.pop("html", None)
    return make_article(meta, raw, source_uri, default_source_id=None)


def _parse_json_document(content: str) -> list[Any] | None:
    """A .json file may hold one record or a list of them; None when it is JSON Lines instead."""
    try:
        doc = json.loads(content)
    except json.JSONDecodeError:
        return None
    return doc if isinstance(doc, list) else [doc]


def read_records(content: str, uri: str, allow_document: bool) -> Iterator[Article | Rejection]:
    records = _parse_json_document(content) if allow_document else None
    if records is not None:
        for i, record in enumerate(records, start=1):
            yield _one(record, f"{uri}#record{i}")
        return
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{uri}#L{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"malformed JSON on line {lineno}: {exc.msg} at column {exc.colno}")
            continue
        yield _one(record, where)


def _one(record: Any, where: str) -> Article | Rejection:
    try:
        return record_to_article(record, where)
    except RejectedInput as exc:
        return Rejection(where, str(exc))
    except Exception as exc:  # a record no rule foresaw must not stop the others
        return Rejection(where, f"record could not be read ({type(exc).__name__}: {exc}); check its fields' types")
