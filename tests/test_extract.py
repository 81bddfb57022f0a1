import json
import os
from pathlib import Path

import pytest

from nightdesk.extract.decode import decode_bytes
from nightdesk.extract.discover import InputUnavailable, check_inputs, extract_inputs
from nightdesk.extract.records import parse_published

from .conftest import SEED_TEXT
from .inputs import deny_listing


def _write(path: Path, content, mode="w"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_seed_article_with_sidecar(seed_input):
    result = extract_inputs([seed_input])
    assert result.rejections == []
    [article] = result.articles
    assert article.source_id == "iraq-pm-drone-strike-2021-11-07"
    assert article.title == "Iraqi Prime Minister Survives Drone Attack on His Home"
    assert article.published_at.isoformat() == "2021-11-07T00:00:00"
    assert article.text.startswith("The Iraqi prime minister survived")
    assert "“I am well" in article.text  # curly quotes stay
    assert len(article.content_hash) == 64


def test_ids_are_stable_and_content_hash_follows_content(tmp_path):
    _write(tmp_path / "a" / "story.txt", "Some news text here.")
    first = extract_inputs([tmp_path / "a"]).articles[0]
    again = extract_inputs([tmp_path / "a"]).articles[0]
    assert (first.article_id, first.content_hash) == (again.article_id, again.content_hash)
    _write(tmp_path / "a" / "story.txt", "Some news text here, corrected.")
    changed = extract_inputs([tmp_path / "a"]).articles[0]
    assert changed.article_id == first.article_id and changed.content_hash != first.content_hash
    assert first.source_id == "story.txt"


def test_jsonl_records_keep_extra_keys_and_reject_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "r1",
                "title": "T",
                "published": "2021-11-07T08:30:00+02:00",
                "text": "Body one.",
                "section": "world",
            }
        ),
        "{not json",
        json.dumps({"id": "r3", "title": "no text"}),
        "",
        json.dumps(
            {
                "id": "r5",
                "html": "<html><body><article><p>"
                + "A long enough paragraph of news. " * 5
                + "</p></article></body></html>",
            }
        ),
    ]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = extract_inputs([path])
    by_id = {a.source_id: a for a in result.articles}
    assert set(by_id) == {"r1", "r5"}
    assert by_id["r1"].extra == {"section": "world"}
    assert by_id["r1"].published_at.isoformat() == "2021-11-07T06:30:00"  # normalized to UTC
    assert "A long enough paragraph" in by_id["r5"].text
    reasons = {r.source_uri.split("#")[1]: r.reason for r in result.rejections}
    assert reasons["L2"].startswith("malformed JSON on line 2")
    assert "no text" in reasons["L3"]


def test_html_page_metadata_through_trafilatura(tmp_path):
    html = (
        "<html><head><title>Drone strike on home</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2021-11-07T08:00:00Z'></head><body><article>"
        "<h1>Drone strike on home</h1><p>" + "The prime minister survived a drone strike, officials said. " * 4 + "</p>"
        "<p>“I am well,” he wrote on Twitter after the attack before dawn.</p></article></body></html>"
    )
    _write(tmp_path / "pages" / "page.html", html)
    [article] = extract_inputs([tmp_path / "pages"]).articles
    assert article.title == "Drone strike on home"
    assert article.author == "Jane Doe"
    assert article.published_at.date().isoformat() == "2021-11-07"
    assert "“I am well,” he wrote" in article.text


def test_rejections_carry_reasons_and_good_inputs_still_load(tmp_path):
    root = tmp_path / "mixed"
    _write(root / "good.txt", "A real article.")
    _write(root / "empty.txt", "   \n")
    _write(root / "binary.txt", b"\x00\x01\x02PNG\x00\x00")
    _write(root / "notes.pdf", b"%PDF-1.4")
    _write(root / "latin.txt", "Caf\xe9 news from M\xfcnchen.".encode("cp1252"))
    _write(root / "dup.jsonl", json.dumps({"id": "x", "text": "one"}) + "\n" + json.dumps({"id": "x", "text": "two"}))
    result = extract_inputs([root])
    texts = sorted(a.text for a in result.articles)
    assert texts == ["A real article.", "Café news from München.", "one"]
    reasons = {Path(r.source_uri.split("#")[0]).name: r.reason for r in result.rejections}
    assert reasons["empty.txt"].startswith("empty file")
    assert reasons["binary.txt"].startswith("binary content")
    assert "unsupported file type .pdf" in reasons["notes.pdf"]
    assert reasons["dup.jsonl"].startswith("duplicate article")


def test_a_missing_or_unreadable_input_fails_instead_of_loading_nothing(tmp_path, monkeypatch):
    with pytest.raises(InputUnavailable, match=f"input {tmp_path / 'nws'} does not exist; check the path"):
        extract_inputs([tmp_path / "nws"])
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    with pytest.raises(InputUnavailable, match="is a link to nothing"):
        check_inputs([tmp_path / "dangling"])
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputUnavailable, match="pipe.txt is not a file or a folder"):
        check_inputs([tmp_path / "pipe.txt"])  # and returns at once: nothing opened the pipe
    folder = tmp_path / "in"
    folder.mkdir()
    deny_listing(monkeypatch, folder)
    with pytest.raises(InputUnavailable, match=f"input {folder} cannot be read: Permission denied"):
        check_inputs([folder])


def test_an_unreadable_folder_inside_an_input_is_a_rejection_and_the_rest_loads(tmp_path, monkeypatch):
    root = tmp_path / "in"
    _write(root / "a.txt", "An article at the top.")
    _write(root / "locked" / "b.txt", "An article nobody may read.")
    deny_listing(monkeypatch, root / "locked")
    result = extract_inputs([root])
    assert [a.text for a in result.articles] == ["An article at the top."]
    assert [(Path(r.source_uri).name, r.reason) for r in result.rejections] == [
        ("locked", "cannot read the folder: Permission denied; its files were not loaded")
    ]


def test_an_empty_input_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    assert extract_inputs([tmp_path / "empty"]).empty_inputs == [str(tmp_path / "empty")]


def test_decode_handles_bom_and_cp1252():
    assert decode_bytes("\ufeffhello".encode("utf-8")) == "hello"
    assert decode_bytes("“quoted”".encode("cp1252")) == "“quoted”"


def test_parse_published_forms():
    assert parse_published("2021-11-07").isoformat() == "2021-11-07T00:00:00"
    assert parse_published("2021-11-07T08:00:00Z").isoformat() == "2021-11-07T08:00:00"
    assert parse_published("Sun, 07 Nov 2021 08:00:00 GMT").isoformat() == "2021-11-07T08:00:00"
    assert parse_published("not a date at all") is None
    assert parse_published(None) is None
    assert parse_published(1636272000).isoformat() == "2021-11-07T08:00:00"
    for out_of_range in (9.223372036854776e18, 6.77680361916768e16, -62135596801):  # found by fuzzing
        assert parse_published(out_of_range) is None


def test_seed_file_is_the_shared_seed():
    assert SEED_TEXT.read_text(encoding="utf-8").startswith("\n")  # kept exactly as given
