"""Copies of one story: URL keys, signatures, the night's common paragraphs, and the planted-copies evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nightdesk.evaluate import copies as ev
from nightdesk.settings import SettingError, Settings
from nightdesk.transform.copies import bands, common_paragraphs, signature, similarity, url_key

COPY_THRESHOLD = Settings.model_fields["copy_threshold"].default

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CORPORA = ("polnear-dev", "gum-news-dev", "plover-dev")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "https://www.example.com/politics/story-1/?utm_source=twitter&utm_medium=social",
            "http://example.com/politics/story-1",
        ),
        ("https://m.example.com/politics/story-1/amp/", "https://example.com/politics/story-1"),
        ("https://amp.example.com/politics/story-1.amp.html", "https://example.com/politics/story-1.html"),
        ("https://example.com/a?b=2&a=1#comments", "https://EXAMPLE.com/a?a=1&b=2&fbclid=xyz"),
        ("example.com/news/index.html", "https://example.com/news/"),
    ],
)
def test_the_same_page_has_one_url_key(a, b):
    assert url_key(a) == url_key(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.com/story-1", "https://example.com/story-2"),
        ("https://example.com/story?id=1", "https://example.com/story?id=2"),
        ("https://example.com/story", "https://example.org/story"),
        ("https://example.com:8080/story", "https://example.com/story"),
    ],
)
def test_different_pages_keep_different_url_keys(a, b):
    assert url_key(a) != url_key(b)


def test_no_url_or_no_host_has_no_key():
    assert url_key(None) is None
    assert url_key("   ") is None
    assert url_key("https:///path-only") is None


def test_signatures_see_words_not_spacing_or_case():
    body = "The council voted on Tuesday to close the bridge.\nRepairs will take a year, officials said."
    same = "the  council voted on tuesday to close the bridge\n\nRepairs will take a YEAR -- officials said"
    other = "Rain is expected across the north on Friday, with snow on the hills and strong winds by the coast."
    assert signature(body) == signature(same)
    assert similarity(signature(body), signature(other)) < 0.1
    assert signature("  ... ") is None


def test_a_footer_on_many_stories_is_common_but_a_story_on_many_outlets_is_not():
    footer = "Copyright 2016 The Wire. All rights reserved. This material may not be redistributed."
    news = (
        "Rain closed three schools in the valley on Monday.",
        "The mayor opened a new library branch downtown.",
        "Two ferries collided near the harbour, injuring four.",
        "Wheat prices rose for a third week on dry weather.",
        "A museum returned a stolen painting to its owners.",
    )
    briefs = [f"{item}\n{footer}" for item in news]
    story = "A long story paragraph that every outlet carries word for word, about the vote.\nA second paragraph."
    copies = [f"{story}\nOutlet {i} footer" for i in range(6)]
    common = common_paragraphs(briefs + copies)
    assert "copyright 2016 the wire all rights reserved this material may not be redistributed" in common
    assert not any("vote" in key or "second paragraph" in key for key in common)
    # Without the footer, two briefs under it are not alike; with it they would look like copies.
    a, b = (signature(x, common) for x in briefs[:2])
    assert similarity(a, b) < 0.1
    assert similarity(signature(briefs[0]), signature(briefs[1])) > 0.3


def test_the_lsh_bands_follow_the_threshold():
    lower, higher = bands(0.3), bands(0.8)
    assert lower[0] * lower[1] <= 128 and higher[0] * higher[1] <= 128
    assert lower[1] < higher[1]  # a higher threshold: longer bands, fewer chance matches


def test_the_copy_threshold_is_checked(monkeypatch):
    monkeypatch.setenv("NIGHTDESK_COPY_THRESHOLD", "0.7")
    assert Settings.load().copy_threshold == 0.7
    for wrong in ("1.5", "0.1", "half"):
        monkeypatch.setenv("NIGHTDESK_COPY_THRESHOLD", wrong)
        with pytest.raises(SettingError, match="NIGHTDESK_COPY_THRESHOLD"):
            Settings.load()


def _corpus() -> list[dict]:
    if not all((SHARED / c / "articles.jsonl").exists() for c in CORPORA):
        pytest.skip("../shared/eval is not here")
    records = []
    for corpus in CORPORA:
        lines = (SHARED / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        records += [json.loads(line) for line in lines if line.strip()]
    return records


def test_planted_copies_are_grouped_and_stories_on_one_topic_kept_apart():
    planted = ev.plant(_corpus())
    rows = ev.article_rows(planted)
    kinds = {p.kind for p in planted}
    assert kinds == {"original", *ev.KINDS}
    found = ev.score(planted, [r["article_id"] for r in rows], ev.group_nights(rows, COPY_THRESHOLD))
    assert found.true_pairs > 700
    assert found.precision >= 0.98, found
    assert found.recall >= 0.95, found


def test_the_whole_story_goes_to_its_earliest_copy_when_an_earlier_copy_comes_later():
    # Night 1 loads two copies of a story published on the 2nd and 3rd; night 2 brings the one of the 1st.
    text = "Headline\n\n" + "\n\n".join(
        f"Paragraph {i} of the story tells its own part number {i} at length." for i in range(8)
    )
    recs = [
        {"id": "b", "text": text, "published": "2016-09-02", "publisher": "B"},
        {"id": "c", "text": text, "published": "2016-09-03", "publisher": "C"},
        {"id": "a", "text": text, "published": "2016-09-01", "publisher": "A"},
        {
            "id": "z",
            "text": "Something else entirely, about the weather and the sea, told at length.",
            "published": "2016-09-01",
        },
    ]
    rows = ev.article_rows([ev.Planted(r, "s", "original") for r in recs])
    first = ev.stories_of([], rows[:2], 0.5)
    assert first[rows[1]["article_id"]][0] == rows[0]["article_id"]
    lake = [dict(r, story_id=first[r["article_id"]][0], minhash=first[r["article_id"]][1]) for r in rows[:2]]
    second = ev.stories_of(lake, rows[2:], 0.5)
    story = {a: s for a, (s, _) in second.items()}
    b, c, a, z = (r["article_id"] for r in rows)
    assert story[a] == story[b] == story[c] == a
    assert story[z] == z


def test_a_story_run_many_times_in_one_night_is_one_story_found_without_comparing_every_pair():
    text = "Headline\n\n" + "\n\n".join(
        f"Paragraph {i} says its own thing about part {i} of the story." for i in range(6)
    )
    recs = [{"id": f"copy{i}", "text": text, "published": f"2016-09-{10 + i % 5:02d}"} for i in range(60)]
    rows = ev.article_rows([ev.Planted(r, "s", "original") for r in recs])
    found = ev.stories_of([], rows, COPY_THRESHOLD)
    earliest = min(r["article_id"] for r, rec in zip(rows, recs, strict=True) if rec["published"] == "2016-09-10")
    assert {story for story, _ in found.values()} == {earliest}  # the earliest day; on a tie, the smallest id
