"""Places the small model's NER misses. en_core_web_sm leaves some well-known towns untagged ("the port of Odesa",
"fighting near Pokrovsk"), and an untagged town is lost three times over: no entity, no event place, and nothing
to tell two reports of one happening apart by their towns. A proper noun after a preposition of place that the
gazetteer knows as a country, a state or a city of MIN_POPULATION people or more is added as a GPE, as spaCy's
EntityRuler adds matches: only where the model found nothing. One word the model took for a person there ("in
Yerevan") is the place when it is a country, a capital or a city of a million."""

from __future__ import annotations

from spacy.attrs import IS_TITLE, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nightdesk.transform.text import gazetteer

# Words after which a proper noun is a place far more often than a person or a firm ("in Odesa", "near Pokrovsk");
# "to" and "from" are left out ("sent to Reuters", "a letter from Kishida"), and "of" counts only after a word of
# place ("the port of Odesa", not "the son of Jackson").
_BEFORE = {"in", "near", "outside", "inside", "across", "around", "throughout", "at"}
_PLACE_OF = {
    "port", "city", "town", "village", "capital", "outskirt", "suburb", "centre", "center", "heart", "region",
    "province", "district", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "mayor", "governor", "residents", "streets", "people",
}  # fmt: skip
MIN_POPULATION = 100_000
_MAX_WORDS = 3


def missed_places(doc: Doc) -> list[Span]:
    if len(doc) < 2:
        return []
    gaz = gazetteer.load()
    taken = {t.i for e in doc.ents for t in e}
    found = []
    # Only a capitalised proper noun can start a missed place: found in the doc's arrays, without a Token object
    # for every word (which cost more than the rest of this component).
    rows = doc.to_array([POS, IS_TITLE])
    candidates = [int(i) for i in ((rows[:, 0] == PROPN) & (rows[:, 1] == 1)).nonzero()[0] if i >= 1]
    resume = 1
    for i in candidates:
        if i < resume or i in taken:
            continue
        before = doc[i - 1].lower_
        if not (before in _BEFORE or (before == "of" and i > 1 and doc[i - 2].lemma_.lower() in _PLACE_OF)):
            continue
        end = i + 1
        while end < len(doc) and end - i < _MAX_WORDS and end not in taken and doc[end].pos_ == "PROPN":
            end += 1
        # a name followed by another capitalised word it does not include is no town ("of Odesa Regional Council"),
        # nor is a title's first word ("in Batman: The Animated Series")
        whole = end >= len(doc) or (doc[end].text != ":" and (not doc[end].is_title or doc[end].is_sent_start))
        place = gaz.resolve(doc[i:end].text) if whole else None
        if place is not None and (place.feature_class != "city" or place.population >= MIN_POPULATION):
            found.append(Span(doc, i, end, label="GPE"))
        resume = end
    return found


def places_taken_for_people(doc: Doc) -> list[Span]:
    """One-word PERSON spans after a preposition of place that are countries, capitals or cities of a million
    ("detained protesters in Yerevan"), as GPE spans."""
    gaz = gazetteer.load()
    return [
        Span(doc, e.start, e.end, label="GPE")
        for e in doc.ents
        if e.label_ == "PERSON"
        and len(e) == 1
        and e.start > 0
        and doc[e.start - 1].lower_ in _BEFORE
        and gaz.is_major_place(e.text)
    ]


@Language.component("nightdesk_places")
def add_missed_places(doc: Doc) -> Doc:
    found = missed_places(doc)
    people = places_taken_for_people(doc)
    if found or people:
        starts = {s.start for s in people}
        doc.ents = filter_spans([e for e in doc.ents if e.start not in starts] + people + found)
    return doc
