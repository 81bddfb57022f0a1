"""Builders for input files of every kind the extractor reads (used by several tests)."""

from __future__ import annotations

import io
from pathlib import Path

ARTICLE_HTML = (
    "<html><head><title>Clashes in Basra</title><meta name='author' content='Jane Doe'>"
    "<meta property='article:published_time' content='2021-11-06T08:00:00Z'></head><body><article>"
    "<h1>Clashes in Basra</h1><p>"
    + "Police fired tear gas at protesters in Basra on Saturday, officials said. "
    * 3
    + "</p>"
    "<p>“We will not leave the streets,” said Ahmed Jabbar, a protest organiser.</p></article></body></html>"
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title>
<item><title>Talks resume</title><link>https://example.org/talks</link><guid>wire-1</guid>
<pubDate>Sun, 07 Nov 2021 08:00:00 GMT</pubDate><author>desk@example.org (Desk)</author>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Negotiators from both sides met in Geneva on Sunday, the United Nations said.
Ned Price said the talks were useful and would continue next week.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://example.org/summary</link><guid>wire-2</guid>
<pubDate>Sat, 06 Nov 2021 10:00:00 GMT</pubDate>
<description>Protesters gathered outside parliament in Baghdad on Saturday.</description></item>
</channel></rss>"""


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> Path:
    """pages: (url, content type, body). Also writes a request record, which is not an article."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
                )
            )
            req = StatusAndHeaders("GET / HTTP/1.0", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
    return path


def deny_listing(monkeypatch, folder: Path) -> None:
    """Make listing `folder` fail with EACCES, as for a user without the right. Tests run as root here, which reads
    every folder whatever its mode, so the refusal is simulated where os.walk and nightdesk's checks list folders."""
    import os

    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
