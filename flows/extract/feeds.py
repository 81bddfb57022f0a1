"""RSS and Atom feed files through feedparser: one article per item, from its full content when the feed carries
it, else from its summary."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from nightdesk.extract.html import extract_html
from nightdesk.extract.records import Article, RejectedInput, Rejection, make_article
from nightdesk.settings import Limits


def _html_to_text(html: str, url: str | None, limits: Limits) -> str:
    if "<" not in html:
        return html
    try:
        text, _meta = extract_html(html, url=url, limits=limits)
        return text
    except RejectedInput:
        # A short summary is often too small for trafilatura's main-content finder: keep its plain text.
        import lxml.html

        return lxml.html.fromstring(html).text_content()


def read_feed(
    content: bytes, uri: str, on_read: Callable[[int], None] = lambda _n: None, limits: Limits = Limits()
) -> Iterator[Article | Rejection]:
    import feedparser

    feed = feedparser.parse(content)
    if feed.bozo and not feed.entries:
        raise RejectedInput(f"not a readable RSS/Atom feed: {feed.get('bozo_exception', 'unknown parse error')}")
    if not feed.entries:
        raise RejectedInput("feed has no items")
    publisher = feed.feed.get("title")
    on_read(len(feed.entries))
    for i, entry in enumerate(feed.entries, start=1):
        where = f"{uri}#item{i}"
        link = entry.get("link")
        bodies = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        body = max(bodies, key=len) if bodies else entry.get("summary", "")
        try:
            if not body or not body.strip():
                raise RejectedInput("feed item has neither content nor summary")
            meta = {
                "id": entry.get("id") or link,
                "url": link,
                "title": entry.get("title"),
                "published": entry.get("published") or entry.get("updated"),
                "author": entry.get("author"),
                "publisher": publisher,
                "from_summary": not bodies,
            }
            yield make_article(meta, _html_to_text(body, link, limits), where, default_source_id=None, limits=limits)
        except RejectedInput as exc:
            yield Rejection(where, str(exc))
        except Exception as exc:  # an item no rule foresaw must not stop the others
            yield Rejection(where, f"feed item could not be read ({type(exc).__name__}: {exc})")
