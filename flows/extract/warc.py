"""WARC web archives through warcio: every HTML response becomes an article (trafilatura extracts it); other
records (requests, metadata, images, scripts) are not articles and are skipped by kind, not silently: only
responses can hold articles.

A .warc.gz of a few megabytes can expand to gigabytes, so the size limits count decompressed bytes: the archive as a
whole (NIGHTDESK_MAX_INPUT_BYTES) and each page (NIGHTDESK_MAX_PAGE_BYTES); reading stops at the limit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from nightdesk.extract.decode import decode_bytes
from nightdesk.extract.html import extract_html
from nightdesk.extract.records import Article, RejectedInput, Rejection, make_article
from nightdesk.settings import Limits


def read_warc(
    path: Path, uri: str, on_read: Callable[[int], None], limits: Limits = Limits()
) -> Iterator[Article | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found_html = False
    expanded = 0
    max_bytes, page_limit = limits.max_input_bytes, limits.max_page_bytes
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                # warcio reads a record no further than its Content-Length, so this bounds what is decompressed.
                expanded += int(record.rec_headers.get_header("Content-Length") or 0)
                if expanded > max_bytes:
                    on_read(1)
                    yield Rejection(
                        f"{uri}#record{n}",
                        f"the archive expands to more than {max_bytes} bytes (NIGHTDESK_MAX_INPUT_BYTES); this record "
                        "and the rest of the archive were not read: split the archive or raise the limit",
                    )
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                found_html = True
                on_read(1)
                target = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{uri}#{target or f'record{n}'}"
                try:
                    status = record.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        raise RejectedInput(f"HTTP status {status}: no article in an error page")
                    body = record.content_stream().read(page_limit + 1)
                    if len(body) > page_limit:
                        raise RejectedInput(
                            f"the page is over {page_limit} bytes (NIGHTDESK_MAX_PAGE_BYTES): not an article page; "
                            "raise the limit to take it"
                        )
                    text, meta = extract_html(decode_bytes(body), url=target, limits=limits)
                    meta.setdefault("url", target)
                    meta["id"] = target
                    meta["published"] = meta.get("published") or record.rec_headers.get_header("WARC-Date")
                    yield make_article(meta, text, where, default_source_id=None, limits=limits)
                except RejectedInput as exc:
                    yield Rejection(where, str(exc))
                except Exception as exc:  # a page no rule foresaw must not stop the others
                    yield Rejection(where, f"page could not be read ({type(exc).__name__}: {exc})")
    except ArchiveLoadFailed as exc:
        raise RejectedInput(f"not a readable WARC archive: {exc}") from exc
    if not found_html:
        raise RejectedInput("WARC archive holds no HTML responses")
