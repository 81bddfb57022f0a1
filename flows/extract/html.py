"""HTML pages → article text and metadata through trafilatura."""

from __future__ import annotations

import re
from typing import Any

from nightdesk.extract.fields import url_problem
from nightdesk.extract.records import RejectedInput
from nightdesk.settings import Limits

# A page whose main content is shorter than this is navigation or an error page, not an article.
MIN_WORDS = 5


def extract_html(html: str, url: str | None = None, limits: Limits = Limits()) -> tuple[str, dict[str, Any]]:
    """Return the main text and the metadata trafilatura finds (title, author, date, url, sitename)."""
    import trafilatura

    limit = limits.max_page_bytes
    if len(html) > limit:  # characters, at least as many bytes
        raise RejectedInput(
            f"the HTML page is over {limit} bytes (NIGHTDESK_MAX_PAGE_BYTES): not an article page; raise the limit to take it"
        )
    if url_problem(url):  # trafilatura parses the URL it is given: an odd one must not cost the page
        url = None
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    text = (doc.text if doc is not None else None) or ""
    words = len(text.split())
    if words < MIN_WORDS:
        raise RejectedInput(
            f"no extractable article text in the HTML page (trafilatura found {words} words of main content)"
        )
    # trafilatura puts one block a line; a blank line between blocks keeps paragraphs visible to the NLP.
    text = re.sub(r"\n+", "\n\n", text)
    meta = {
        "title": doc.title,
        "author": doc.author,
        "published": doc.date,
        "url": doc.url or url,
        "publisher": doc.sitename,
    }
    return text, {k: v for k, v in meta.items() if v}
