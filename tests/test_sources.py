"""Feeds and web archives, and every kind of bad input, through the real extractor."""

from __future__ import annotations

import json
import os

from nightdesk.extract.discover import extract_inputs
from nightdesk.settings import Limits

from .inputs import ARTICLE_HTML, RSS, write_warc


def test_rss_items_use_full_content_else_summary(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    result = extract_inputs([tmp_path])
    assert result.rejections == []
    by_id = {a.source_id: a for a in result.articles}
    full = by_id["wire-1"]
    assert full.title == "Talks resume" and full.publisher == "Example Wire"
    assert "Negotiators from both sides met in Geneva" in full.text and "teaser" not in full.text
    assert full.published_at.isoformat() == "2021-11-07T08:00:00"
    assert by_id["wire-2"].extra == {"from_summary": True}
    assert "Protesters gathered outside parliament" in by_id["wire-2"].text


def test_warc_html_responses_become_articles(tmp_path):
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://example.org/basra", "text/html; charset=utf-8", ARTICLE_HTML),
            ("https://example.org/logo.png", "image/png", "PNG"),
        ],
    )
    result = extract_inputs([warc])
    [article] = result.articles
    assert article.url == "https://example.org/basra" and article.title == "Clashes in Basra"
    assert "fired tear gas at protesters" in article.text
    assert result.rejections == []


def test_every_kind_of_bad_input_is_rejected_with_its_reason(tmp_path, monkeypatch):
    root = tmp_path / "night"
    root.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("A file outside the input folder.", encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "broken.jsonl": (
            json.dumps({"id": "ok-1", "text": "A good record about talks in Geneva."})
            + "\n{oops\n"
            + json.dumps({"id": "no-text", "title": "x"})
            + "\n"
        ).encode(),
        "nothing.html": b"<html><body><nav>Menu</nav></body></html>",
        "huge.txt": b"word " * 5000,
        "photo.jpg": b"\xff\xd8\xff\xe0JFIF",
        "empty.rss": b"<rss version='2.0'><channel><title>t</title></channel></rss>",
    }
    for name, data in bad.items():
        (root / name).write_bytes(data)
    os.symlink(outside, root / "link.txt")
    good = {
        "latin1.txt": "Caf\xe9 owners in M\xfcnchen protested on Monday.".encode("latin-1"),
        "cp1252.txt": "“Enough,” said the mayor of Lyon on Tuesday.".encode("cp1252"),
        "bom.txt": "\ufeffThe minister resigned on Friday.".encode("utf-8"),
        "page.html": ARTICLE_HTML.encode(),
    }
    for name, data in good.items():
        (root / name).write_bytes(data)
    result = extract_inputs([root], Limits(max_input_bytes=20_000))
    reasons = {r.source_uri.replace(str(root) + "/", ""): r.reason for r in result.rejections}
    assert reasons["empty.txt"].startswith("empty file")
    assert (
        reasons["binary.txt"].startswith("binary content")
        and "tried UTF-8, cp1252 and Latin-1" in reasons["binary.txt"]
    )
    assert reasons["broken.jsonl#L2"].startswith("malformed JSON on line 2")
    assert reasons["broken.jsonl#L3"].startswith("record has no text")
    assert reasons["nothing.html"].startswith("no extractable article text")
    assert "over the 20000-byte limit" in reasons["huge.txt"]
    assert reasons["photo.jpg"].startswith("unsupported file type .jpg")
    assert reasons["empty.rss"] == "feed has no items"
    assert reasons["link.txt"].startswith("link leads outside the input folder")
    texts = {a.source_id: a.text for a in result.articles}
    assert texts["latin1.txt"] == "Café owners in München protested on Monday."
    assert texts["cp1252.txt"].startswith("“Enough,”")
    assert texts["bom.txt"] == "The minister resigned on Friday."
    assert "page.html" in texts and "ok-1" in texts
    assert (len(result.articles), len(result.rejections)) == (5, 9)
