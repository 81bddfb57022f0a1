"""Every field of a record is hostile until parsed (issue 31): one night of JSONL records whose fields are odd in every
way beside good records. The night exits 0; every good record loads; every odd one loads without its bad field (with
a row in input_warnings, the source's value kept in extra) or is rejected with a reason."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nightdesk.cli import app

from .warehouse import query

pytestmark = pytest.mark.e2e

BODY = "Police arrested five protesters in Cairo on Monday, officials said. The protest was peaceful, organisers said."
GOOD = [{"id": f"good-{n}", "url": f"https://news.example.org/story/{n}", "published": "2024-05-0" + str(n + 1),
         "title": f"Good story {n}", "text": f"Story {n}. {BODY}"} for n in range(5)]  # fmt: skip

# (record, what must happen): ("field", name) = loads without that field, with an input_warnings row naming it;
# ("clean", column, value) = loads with the value cleaned; ("reject", words of the reason).
ODD = [
    ({"url": "javascript:alert(1)"}, ("field", "url")),
    ({"url": "http://example.com:99999/x"}, ("field", "url")),
    ({"url": "http://example.com:0/x"}, ("field", "url")),
    ({"url": 12345}, ("field", "url")),
    ({"url": ["https://a.example/"]}, ("field", "url")),
    ({"url": "http://exa mple.com/x"}, ("field", "url")),
    ({"url": "http://\x00evil.example/"}, ("field", "url")),
    ({"url": "https://x.example/" + "a" * 10_000}, ("field", "url")),
    ({"url": "mailto:desk@example.org"}, ("field", "url")),
    ({"url": "http://[::1/x"}, ("field", "url")),
    ({"published": "-0001-01-01"}, ("field", "published")),
    ({"published": "2024-13-45"}, ("field", "published")),
    ({"published": "yesterday"}, ("field", "published")),
    ({"published": 1e308}, ("field", "published")),
    ({"published": True}, ("field", "published")),
    ({"published": "9999-12-31T23:59:59-05:00"}, ("field", "published")),
    ({"published": {"date": "2024-01-01"}}, ("field", "published")),
    ({"published": "20245-01-01"}, ("field", "published")),
    ({"title": {"a": 1}}, ("field", "title")),
    ({"title": "long " * 10_000}, ("field", "title")),
    ({"title": "Bad\x00title\x1b[31m in red\u202e"}, ("clean", "title", "Bad title [31m in red")),
    ({"author": ["Jane Roe", 3]}, ("field", "author")),
    ({"author": ["Jane Roe", "John Doe"]}, ("clean", "author", "Jane Roe, John Doe")),
    ({"publisher": {"name": "Wire"}}, ("field", "publisher")),
    ({"id": 1e400}, ("field", "id")),
    ({"id": True}, ("field", "id")),
    ({"id": [1, 2]}, ("field", "id")),
    ({"score": float("nan"), "tags": [float("inf")], "\u0000key": "v"}, ("clean", "extra", None)),
    ({"text": "Lone \ud800 surrogate and a NUL\u0000 byte. " + BODY}, ("clean", "text", None)),
    ({"text": 12345}, ("reject", "must be a string")),
    ({"text": ["para one", "para two"]}, ("reject", "must be a string")),
    ({"text": "   \u200b  "}, ("reject", "no text")),
    ({"text": "x " * 150_001}, ("reject", "NIGHTDESK_MAX_ARTICLE_CHARS")),
    ({"text": None, "html": 7}, ("reject", "must be a string")),
]
RAW_LINES = [
    ("[1, 2, 3]", "must be a JSON object"),
    ('"just a string"', "must be a JSON object"),
    ('{"id": "broken", "text": "unterminated', "malformed JSON"),
    ('{"id": "huge", "text": "y", "n": ' + "9" * 5001 + "}", "could not be read"),
]


def _records() -> list[str]:
    lines = [json.dumps(GOOD[0])]
    for n, (fields, _want) in enumerate(ODD):
        record = {"id": f"odd-{n}", "text": f"Odd record {n}. {BODY}", **fields}
        if "id" in fields:  # a dropped id: the article's id comes from its URL or text, which must differ
            record["url"] = f"https://news.example.org/odd/{n}"
        lines.append(json.dumps(record))
    lines += [raw for raw, _reason in RAW_LINES]
    lines += [json.dumps(g) for g in GOOD[1:]]
    return lines


def test_a_night_of_hostile_records_loads_every_good_one_and_accounts_for_every_odd_one(prefect_harness, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "feed.jsonl").write_text("\n".join(_records()) + "\n", encoding="utf-8")
    wh = tmp_path / "wh"
    result = CliRunner().invoke(app, ["run", "--input", str(inputs), "--warehouse", str(wh)])
    assert result.exit_code == 0, result.output

    rows = query(wh, "SELECT source_id, url, published_at, title, author, publisher, extra, text FROM articles")
    loaded = {r[0]: r for r in rows if r[0]}
    assert {g["id"] for g in GOOD} <= set(loaded)
    for g in GOOD:
        assert loaded[g["id"]][1] == g["url"] and loaded[g["id"]][3] == g["title"]
    warnings = query(wh, "SELECT source_uri, field, value, reason FROM input_warnings")
    rejected = dict(query(wh, "SELECT source_uri, reason FROM rejected_inputs"))
    line_of = {n: f"#L{n + 2}" for n in range(len(ODD))}  # line 1 is a good record
    columns = {"url": 1, "published": 2, "title": 3, "author": 4, "publisher": 5, "extra": 6, "text": 7}
    for n, (fields, want) in enumerate(ODD):
        where = line_of[n]
        if want[0] == "reject":
            reasons = [r for uri, r in rejected.items() if uri.endswith(where)]
            assert reasons and want[1] in reasons[0], (fields, reasons)
            continue
        found = [row for row in rows if f"Odd record {n}." in row[7] or (n == 28 and "surrogate" in row[7])]
        assert len(found) == 1, (n, fields)
        row = found[0]
        mine = [w for w in warnings if w[0].endswith(where)]
        if want[0] == "field":
            field = want[1]
            if field != "id":
                assert row[columns[field]] is None, (field, row)
            assert [w[1] for w in mine] == [field], (fields, mine)
            assert mine[0][3] and "loads" in mine[0][3]
            assert f"unparsed_{field}" in json.loads(row[6])  # the source's value is kept
        else:
            assert not mine, (fields, mine)
            if want[2] is not None:
                assert row[columns[want[1]]] == want[2]
    assert loaded["odd-28"][7].startswith("Lone \ufffd surrogate and a NUL byte.")
    extra = json.loads(loaded["odd-27"][6])
    assert extra["score"] == "nan" and extra["tags"] == ["inf"]
    for raw, reason in RAW_LINES:
        n = _records().index(raw) + 1
        assert reason in rejected[next(u for u in rejected if u.endswith(f"#L{n}"))]
    seen, loaded_n, rejected_n = query(wh, "SELECT articles_seen, articles_loaded, articles_rejected FROM runs")[0]
    assert seen == len(_records()) and loaded_n + rejected_n == seen
    assert query(wh, "SELECT input_warnings FROM runs") == [(len(warnings),)]
    assert "input_warnings" in result.output  # the summary lists the fields left out
