"""WARC web archives through warcio: every HTML response becomes an article (trafilatura extracts it); other
records (requests, metadata, images, scripts) are not articles and are skipped by kind, not silently: only
responses can hold articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flows.extract.decode import decode_bytes
from flows.extract.html import extract_html
from flows.extract.records import Article, RejectedInput, Rejection, make_article


def read_warc(path: Path, uri: str) -> Iterator[Article | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found_html = False
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                found_html = True
                target = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{uri}#{target or f'record{n}'}"
                try:
                    status = record.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        raise RejectedInput(f"HTTP status {status}: no article in an error page")
                    html = decode_bytes(record.content_stream().read())
                    text, meta = extract_html(html, url=target)
                    meta.setdefault("url", target)
                    meta["id"] = target
                    meta["published"] = meta.get("published") or record.rec_headers.get_header("WARC-Date")
                    yield make_article(meta, text, where, default_source_id=None)
                except RejectedInput as exc:
                    yield Rejection(where, str(exc))
    except ArchiveLoadFailed as exc:
        raise RejectedInput(f"not a readable WARC archive: {exc}") from exc
    if not found_html:
        raise RejectedInput("WARC archive holds no HTML responses")
