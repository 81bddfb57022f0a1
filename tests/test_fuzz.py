"""Arbitrary input never crashes extraction: every line or file becomes an article or a rejection with a reason."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightdesk.extract.decode import decode_bytes
from nightdesk.extract.records import Article, RejectedInput, Rejection, make_article
from nightdesk.extract.records_file import read_records
from nightdesk.transform.nlp import load_nlp

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "published", "url", "author", "publisher", "other"]),
    json_values,
    max_size=7,
)
lines = st.lists(st.one_of(records.map(json.dumps), st.text(max_size=40)), max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_any_json_lines_give_one_verdict_per_line(raw_lines):
    content = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in raw_lines)
    verdicts = list(read_records(content, "feed.jsonl", allow_document=False))
    assert len(verdicts) == sum(1 for line in content.splitlines() if line.strip())
    for v in verdicts:
        assert isinstance(v, (Article, Rejection))
        if isinstance(v, Rejection):
            assert v.reason
        else:
            assert v.text.strip() and len(v.article_id) == 16


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    try:
        assert isinstance(decode_bytes(data), str)
    except RejectedInput as exc:
        assert str(exc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.dictionaries(st.sampled_from(["id", "title", "published"]), json_values, max_size=3))
def test_any_unicode_article_goes_through_extract_and_transform(text, meta):
    try:
        article = make_article(meta, text, "x.txt", default_source_id="x.txt")
    except RejectedInput:
        return
    doc = load_nlp()(article.text)
    for m in doc._.nd_mentions:
        assert article.text[m.start_char : m.end_char] == m.text
    for e in doc._.nd_events:
        assert article.text[e.start_char : e.end_char] == e.trigger


def test_a_non_string_url_next_to_html_is_not_a_crash():
    line = '{"id": null, "title": null, "published": null, "html": "0", "text": null, "url": 1}'
    [verdict] = list(read_records(line, "feed.jsonl", allow_document=False))
    assert isinstance(verdict, Rejection) and "no extractable article text" in verdict.reason


_furniture_lines = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            ["Tuesday, March 8, 2011", "By Jane Doe", "Updated: Nov. 7, 2021 08:00 GMT", "A Title Line", "Okafor: Hi"]
        ),
        st.builds(
            lambda w: "By " + " ".join(w), st.lists(st.sampled_from(["Ann", "and", ",", "Lee", "x"]), max_size=30)
        ),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_furniture_lines, st.none() | st.text(max_size=30))
def test_furniture_never_raises_and_ends_where_a_line_starts(parts, title):
    from nightdesk.extract.furniture import leading_furniture

    try:
        text = make_article({"title": title}, "\n\n".join(parts), "f.txt", "f").text  # cleaned, as extraction sees it
    except RejectedInput:
        return  # no text left after cleaning: rejected before furniture is looked for
    found = leading_furniture(text, title)
    assert 0 <= found.body_start <= len(text)
    assert found.body_start == 0 or text[found.body_start - 1] == "\n"
    assert all(start < found.body_start for start in found.line_starts)
    assert text[found.body_start :].strip()  # a body is always left
