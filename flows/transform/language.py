"""The language of an article, from py3langid (its model ships in the package): which articles the English pipeline
parses. An article in another language is kept (text, metadata, language) but never parsed, so it cannot turn into
English-looking entities, quotes or events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

# At or above this probability the detector's first language is taken as it is.
SURE = 0.9
# Below SURE (short texts: a dateline, a one-line item), a language nightdesk parses is taken when the detector gives
# it at least this probability. Measured (tests/test_language.py): English sentences of PolNeAR the detector put
# elsewhere had 0.01-0.41 for English; no text of the 15-language UDHR set in another language had more than 0.001.
PLAUSIBLE = 0.01
# The detector reads the text's start only: its cost grows with the length and its accuracy stops growing long
# before (every test text over 200 characters is right). 250 PolNeAR articles: 1.8 s read whole, 0.25 s so.
READ_CHARS = 600


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as py3langid names it
    confidence: float  # the detector's probability for it


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detector_version() -> str:
    return f"py3langid {version('py3langid')}"


def detect(text: str, parsed: tuple[str, ...] = ("en",)) -> Language:
    ranked = _identifier().rank(text[:READ_CHARS])
    top, probability = ranked[0]
    if top not in parsed and probability < SURE:
        for code, p in ranked:
            if code in parsed and p >= PLAUSIBLE:
                return Language(code, float(p))
    return Language(top, float(probability))
