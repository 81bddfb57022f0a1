"""Quotes on the formats newsrooms publish (tests/data/formats, issue 17): wire copy with '' marks and a dateline, UK
single quotes among apostrophes, a title and date line (Wikinews), a byline, interview transcripts and a quotation
over several paragraphs. Every quote is found with its speaker, and no furniture is inside any content."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nightdesk.extract.discover import read_file
from nightdesk.extract.furniture import leading_furniture
from nightdesk.transform.nlp import load_nlp
from nightdesk.transform.text.paragraphs import with_body_start

FOLDER = Path(__file__).parent / "data" / "formats"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))


def _parse(name: str):
    [article] = list(read_file(FOLDER / name, FOLDER))
    nlp = load_nlp()
    doc = nlp(with_body_start(nlp.make_doc(article.text), article.body_start))
    return article, doc


@pytest.mark.parametrize("name", sorted(k for k in EXPECTED if not k.startswith("_")))
def test_every_quote_with_its_speaker_and_no_furniture_inside(name):
    want = EXPECTED[name]
    article, doc = _parse(name)
    assert (article.title, article.author) == (want["title"], want["author"])
    published = article.published_at.date().isoformat() if article.published_at else None
    assert published == want["published"]
    canonical = {(m.start_char, m.end_char): m.canonical for m in doc._.nd_mentions}
    got = []
    for q in doc._.nd_quotes:
        content = " ".join(article.text[s:e] for s, e in q.spans)
        got.append((content, canonical.get(q.speaker_ref) if q.speaker_ref else None))
    assert len(got) == len(want["quotes"]), got
    for (content, speaker), (start, person) in zip(got, want["quotes"], strict=True):
        assert content.startswith(start) and speaker == person, (content, speaker, start, person)
    for content, _ in got:
        assert not any(bad in content for bad in want["never_quoted"]), content
        assert not content.startswith(("s ", "'s", "’s")), content  # an apostrophe opened no quote
    body = article.body_start
    assert all(not q.start < body < q.end for q in doc._.nd_quotes)
    assert all(not e.start_char < body < e.end_char for e in doc._.nd_events)


def test_furniture_lines_at_the_top_become_fields_and_a_sentence_stays_body():
    text = "Title here\nBy Jane Doe and John Roe, Reuters\nUpdated: Nov. 7, 2021 08:00 GMT\nBody text starts. More."
    f = leading_furniture(text)
    assert (f.title, f.byline, f.date_text) == ("Title here", "Jane Doe and John Roe, Reuters", f.date_text)
    assert f.date_text.startswith("Updated") and text[f.body_start :].startswith("Body text")
    assert leading_furniture("Police arrested three men on Friday.\n\nThey were charged.").body_start == 0
    assert leading_furniture('He said, "We will win."\n\nMore text.').body_start == 0
    assert leading_furniture("Okafor: Our city floods\n\nBerg: We cut emissions\n\nOkafor: Yes").body_start == 0
    assert leading_furniture("Only one line without an end").body_start == 0
    # The source's own title is recognised with the period a corpus added to it.
    f = leading_furniture(
        "Stealth Over Health: Clinton Was Headed to ER.\n\nThe Post reports.",
        "Stealth Over Health: Clinton Was Headed to ER",
    )
    assert f.title and f.body_start > 0


def test_a_wire_dateline_is_kept_in_extra():
    [wire] = list(read_file(FOLDER / "wire_two_single_marks.txt", FOLDER))
    [rome] = list(read_file(FOLDER / "dateline_byline.txt", FOLDER))
    assert (wire.extra["dateline"], rome.extra["dateline"]) == ("NAIROBI, Kenya (AP)", "BOLOGNA, Italy (Reuters)")
    assert wire.text[wire.body_start :].startswith("NAIROBI")  # the dateline stays in the text, a sentence of its own


def test_a_date_line_gives_the_publication_date_only_when_the_source_gave_none(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Big news today\n\nSaturday, October 9, 2010\n\nThe council met on Friday.", encoding="utf-8")
    [article] = list(read_file(path, tmp_path))
    assert article.published_at.date() == date(2010, 10, 9) and article.extra["fields_from_text"] == [
        "title",
        "published",
    ]
    (tmp_path / "a.meta.json").write_text('{"published": "2010-10-12", "title": "Own"}', encoding="utf-8")
    [article] = list(read_file(path, tmp_path))
    assert article.published_at.date() == date(2010, 10, 12) and article.title == "Own"
    assert "fields_from_text" not in article.extra and article.body_start > 0


def test_a_publication_stamp_in_the_text_overrules_a_source_day_that_is_not_the_storys(tmp_path):
    # ipe-dev gives every Times of India story of March 2002 the day 2002-03-01; the page's own stamp, run into the
    # body's first line, names the story's day.
    text = "This story is from March 13, 2002 bangalore: police arrested three men on monday."
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "a", "published": "2002-03-01", "text": text},
        {"id": "b", "published": "2002-03-01T09:30:00+05:30", "text": text},  # a time of day: the source's own
        {"id": "c", "published": "2002-03-01", "text": "Saturday, March 9, 2002\n\nThe council met on Friday."},
        {"id": "d", "text": text},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    a, b, c, d = read_file(path, tmp_path)
    assert a.published_at.date() == date(2002, 3, 13) and a.extra["published_given"] == "2002-03-01"
    assert a.text[a.body_start :].startswith("bangalore:") and a.extra["fields_from_text"] == ["published"]
    assert b.published_at.date() == date(2002, 3, 1) and "published_given" not in b.extra
    assert c.published_at.date() == date(2002, 3, 1)  # a bare date line does not say it is the publication day
    assert d.published_at.date() == date(2002, 3, 13) and "published_given" not in d.extra
    assert leading_furniture("This story is from March 13, 2002").body_start == 0  # nothing after it: no body
