"""Languages: the detector's accuracy on a 15-language set, English news always parsed, and a run that loads
articles in other languages with their language but without English mentions, quotes or events."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from nightdesk.transform.language import detect

from .conftest import SEED_DIR, SHARED
from .night import nightly
from .warehouse import query

DATA = Path(__file__).parent / "data" / "languages"


def _udhr() -> list[dict]:
    return [json.loads(line) for line in (DATA / "udhr.jsonl").read_text(encoding="utf-8").splitlines()]


def test_accuracy_over_200_characters_in_15_languages_and_nothing_else_taken_for_english():
    records = _udhr()
    long = [r for r in records if len(r["text"]) > 200]
    assert len(long) >= 200 and len({r["language"] for r in long}) >= 5
    right = Counter(r["language"] for r in long if detect(r["text"]).code == r["language"])
    accuracy = sum(right.values()) / len(long)
    assert accuracy >= 0.98, {lang: right[lang] for lang in sorted({r["language"] for r in long})}
    # Short texts too: whatever the detector makes of them, none in another language is parsed as English.
    taken = [r["id"] for r in records if r["language"] != "en" and detect(r["text"]).code == "en"]
    assert taken == []


def test_english_news_and_its_short_sentences_are_parsed():
    texts = [json.loads(line)["text"] for line in (SEED_DIR / "wikinews.jsonl").read_text().splitlines() if line]
    for corpus in ("polnear-dev", "gum-news-dev", "plover-dev"):
        path = SHARED / "eval" / corpus / "articles.jsonl"
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert [t for t in texts if detect(t).code != "en"] == []
    # Datelines, one-line items: short texts the detector is unsure of are still English when English is plausible.
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 20]
    missed = [s for s in sentences if detect(s).code != "en"]
    assert len(missed) <= 0.005 * len(sentences), missed[:5]


@pytest.mark.e2e
def test_a_run_loads_articles_in_other_languages_unparsed(seed_input, tmp_path):

    for f in (DATA / "news").glob("*.txt"):
        shutil.copy(f, seed_input / f.name)
    summary = nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    assert summary.articles_loaded == 4 and summary.other_language == {"de": 1, "es": 1, "fr": 1}
    wh = tmp_path / "wh"
    languages = dict(query(wh, "SELECT source_id, language FROM articles"))
    assert sorted(languages.values()) == ["de", "en", "es", "fr"] and languages["de.txt"] == "de"
    rows = query(
        wh,
        "SELECT a.language, (SELECT count(*) FROM entity_mentions m WHERE m.article_id = a.article_id), "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id), "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) FROM articles a ORDER BY a.language",
    )
    assert [r[1:] for r in rows if r[0] != "en"] == [(0, 0, 0)] * 3
    assert all(n > 0 for n in next(r for r in rows if r[0] == "en")[1:])
    assert query(wh, "SELECT articles_other_language FROM runs") == [(3,)]
    # Tone is English (VADER): the English article and its quotes have it, the others none.
    assert dict(query(wh, "SELECT language = 'en', bool_and(tone IS NOT NULL) FROM articles GROUP BY 1")) == {
        True: True,
        False: False,
    }
    assert query(wh, "SELECT count(*) FILTER (WHERE tone IS NULL), count(*) FROM quotes")[0][0] == 0
    assert query(wh, "SELECT count(*) FROM entity_tone_daily WHERE articles > 0")[0][0] > 0
