"""Tone, as GDELT reports it: how positive or negative the words of an article or a quote are, from VADER's rated
lexicon (the `vaderSentiment` package ships it). A lexicon counts words, it does not read: "the strike killed the
rebel commander" is negative whatever side the reader is on, sarcasm and negated context slip through, and news
prose scores near 0. Compare tone across many articles (an entity's week), never read one score as a verdict."""

from __future__ import annotations

from functools import cache

from nightdesk.transform.text import doccache


@cache
def analyzer():
    """VADER's analyzer, built once per process (its lexicon also weighs what a verb calls its object, event_naming)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def text_tone(text: str) -> float:
    """VADER's compound score of a passage: -1 (most negative) to 1 (most positive)."""
    return float(analyzer().polarity_scores(text)["compound"])


def article_tone(doc, body_start: int = 0) -> float | None:
    """The mean tone of the body's sentences (the headline and byline above body_start aside); None without any."""
    whole = doccache.text(doc)  # a sentence's text sliced from the article's: Span.text joins its tokens anew
    found = (whole[s.start_char : s.end_char] for s in doc.sents if s.end_char > body_start)
    scores = [text_tone(t) for t in found if t.strip()]
    return round(sum(scores) / len(scores), 4) if scores else None
