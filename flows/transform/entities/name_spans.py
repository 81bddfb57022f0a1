"""Which part of a named-entity span is a name: the model's spans carry labels, headline words and epithets.

A span is no name when it is a lower-case word that only matches an acronym ("us", "un" of "un-redacted"), a
senator's party-state or state label ("(R-Ky.)", "Sen. Ted Cruz (Tex.)"), or the portfolio of a title ("Home" of
"Home Secretary"). A span keeps only its name when words that are not part of it were tagged with it: a speech verb
("Obama Says Talks", "Say Mexico demanded"), a headline's other words ("Clinton Plan for Taxes", "Black Lawmakers
Rip Donald Trump"), or an epithet before a name the article uses without it ("Crooked Hillary Clinton"). The article
itself tells which names it uses: the forms of its body sentences are the names; a headline's words are not.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER
from spacy.tokens import Doc, Span

from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.names import (
    JOINERS,
    curated_aliases,
    first_name_gender,
    generic_names,
    name_key,
    single_word_titles,
    starts_with_title,
    without_titles,
)

# "(I-Vt.)", "R-Ky.": a senator's party and state, not a name of its own.
_PARTY_STATE = re.compile(r"\(?[DRI]-[A-Z][A-Za-z.]{0,5}\)?")
# Words a headline leaves in lower case ("Clinton Plan for Taxes Is Expansive but Complex").
_SMALL_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "at", "to", "by", "as", "with"}
# A sentence with at least this share of its other words capitalised, and this many, is a headline.
HEADLINE_CAPITALISED = 0.8
HEADLINE_MIN_WORDS = 3
_EDGE_PUNCT = {"''", "``", '"', "'", "“", "”", "‘", "’", "(", ")", "[", "]", ",", ";", ":", "-", "—", "–", "―"}


@cache
def speech_forms(rules: RuleSet) -> frozenset[str]:
    """The written forms of the cue verbs of seeds/cue_verbs.csv ("say", "says", "warned"), regular inflections and
    the irregular past of the commonest ones."""
    forms = set()
    for lemma in (r["lemma"].strip().lower() for r in rules.rows("cue_verbs")):
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", lemma + "es", stem + "ed", lemma + "d"}
    return frozenset(forms | {"said", "told", "spoke", "wrote"})


def name_span(ent: Span, rules: RuleSet) -> Span | None:
    """The part of one entity span that is a name, or None when none is (see the module's doc). A speech verb counts
    by its tag: "States" of "United States" is a form of "state" too."""
    doc = ent.doc
    before = text_of(doc)[max(0, ent.start_char - 3) : ent.start_char]
    if not any(ch.isupper() for ch in ent.text) or _PARTY_STATE.fullmatch(ent.text) or re.search(r"\b[DRI]-$", before):
        return None  # (the model may tag only the state of "(R-Tex.)")
    if is_role(ent, rules) or is_state_label(ent):
        return None
    speech = speech_forms(rules)
    start, end = ent.start, ent.end
    while start < end and doc[start].text in _EDGE_PUNCT:
        start += 1
    while end > start and doc[end - 1].text in _EDGE_PUNCT:
        end -= 1  # "Donald Trump ''": a closing wire quote tagged with the name
    if end - start > 1 and doc[start].lower_ in speech and doc[start].tag_.startswith("VB"):
        start += 1
    if (
        ent.label_ == "PERSON"
        and start == ent.start > 0
        and re.fullmatch(r"[A-Z]\.", doc[start].text)
        and doc[start - 1].is_title
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].ent_iob_ == "O"
    ):
        start -= 1  # "Antony J. Blinken" tagged from its middle initial on: the first name is the name's too
    fused = next(
        (t.i for t in doc[start + 1 : end - 1] if t.text == "the" and doc[t.i - 1].lower_ not in JOINERS), None
    )
    if fused is not None and ent.label_ != "PERSON":
        start = fused + 1  # "According to Rathbun the Scientology property": a missing comma fused two phrases
    cut = next((t.i for t in doc[start + 1 : end] if t.lower_ in speech and t.tag_.startswith("VB")), end)
    return doc[start:cut] if cut > start else None


def is_role(ent: Span, rules: RuleSet) -> bool:
    """A common word that is only a title's portfolio: "Home" of "Home Secretary Suella Braverman", "Shadow Home"
    of "Shadow Home Secretary", "State" of "Secretary of State" (generic words: seeds/generic_names.csv). One with a curated meaning stays a name:
    "House" of "House Speaker Paul Ryan" is the House of Representatives. A title alone may be a surname ("Mr.
    King", "Justice"), so it stays too."""
    rest = without_titles(ent.text, rules)
    if not rest or name_key(rest) not in generic_names(rules) or name_key(rest) in curated_aliases(rules):
        return False
    doc = ent.doc
    after_title = (
        ent.start >= 2
        and doc[ent.start - 1].lower_ in {"of", "for"}
        and starts_with_title(doc[ent.start - 2].text, rules)
    )  # "State" of "Secretary of State"
    return after_title or starts_with_title(text_of(doc)[ent.end_char : ent.end_char + 200].lstrip(" "), rules)


def is_state_label(ent: Span) -> bool:
    """ "Sen. Ted Cruz (Tex.)": a US state in parentheses right after a person's name labels the person."""
    doc = ent.doc
    if ent.start == 0 or ent.end >= len(doc) or doc[ent.start - 1].text != "(" or doc[ent.end].text != ")":
        return False
    person = next((e for e in reversed(doc.ents) if e.end <= ent.start - 1), None)
    if person is None or person.label_ != "PERSON" or person.end != ent.start - 1:
        return False
    places = gazetteer.load()
    place = places.resolve(ent.text)
    is_state = place is not None and place.feature_class == "admin1" and place.country_code == "US"
    return is_state or places.us_state_abbreviated(ent.text) is not None


def is_headline(ent: Span) -> bool:
    """Is the span in a title-case line of its sentence ("Clinton Breaks With Obama On 9/11 Lawsuit Bill.")? There
    capitals mark no names. (A headline and the dateline under it may parse as one sentence.)"""
    doc, sent = ent.doc, ent.sent
    first = next((t.i + 1 for t in reversed(doc[sent.start : ent.start]) if "\n" in t.text_with_ws), sent.start)
    last = next((t.i + 1 for t in doc[ent.end - 1 : sent.end] if "\n" in t.text_with_ws), sent.end)
    words = [t for t in doc[first:last] if t.is_alpha and t.lower_ not in _SMALL_WORDS]
    if len(words) < HEADLINE_MIN_WORDS or any(t.is_lower and t.tag_.startswith("VB") for t in words):
        return False  # a verb in lower case makes it a sentence: "The Senate Foreign Relations Committee met"
    return sum(t.text[:1].isupper() for t in words) >= HEADLINE_CAPITALISED * len(words)


def names_in(doc: Doc, labels: frozenset[str], rules: RuleSet) -> list[tuple[int, int, str, str]]:
    """The names of one parsed article: (start_char, end_char, surface, spaCy label), in text order."""
    spans = [(ent, span) for ent in doc.ents if ent.label_ in labels and (span := name_span(ent, rules)) is not None]
    spans = _with_offices(spans, rules)
    headline = {ent.start: doc.has_annotation("SENT_START") and is_headline(ent) for ent, _ in spans}
    spans = _without_common_words(spans, headline)
    body = [(ent.label_, span) for ent, span in spans if not headline[ent.start]]
    known: dict[str, str] = {}  # the article's own name forms and their short forms → the label of the form
    for label, span in body:
        for part in _short_forms(span, label):
            known.setdefault(name_key(part.text), label)
    full_forms = {name_key(span.text) for _, span in body}
    out = []
    for ent, span in spans:
        if headline[ent.start]:
            out.extend(_known_parts(span, ent.label_, known, rules))
            continue
        if _is_epithet(span, full_forms, known, rules):
            span = span[1:]
        out.append((span.start_char, span.end_char, span.text, ent.label_))
    return out


def _with_offices(spans: list[tuple[Span, Span]], rules: RuleSet) -> list[tuple[Span, Span]]:
    """An organisation followed by a title and what it is for names an office, not the organisation: "the United
    Nations High Commissioner for Refugees", "the EU Commissioner for Trade". Followed by a person's name it is
    that person's title ("Secretary of State Jon Husted") and the organisation stays what it is."""
    if not spans:
        return spans
    doc = spans[0][0].doc
    person_starts = {e.start for e in doc.ents if e.label_ == "PERSON"}
    single_titles = single_word_titles(rules, "title")
    out, covered_to = [], -1
    for ent, span in spans:
        if span.start < covered_to:
            continue  # inside an office name found before
        end = _office_end(doc, span.end, single_titles) if ent.label_ == "ORG" else None
        if end is not None and end not in person_starts:
            span, covered_to = doc[span.start : end], end
        out.append((ent, span))
    return out


def _office_end(doc: Doc, i: int, single_titles: frozenset[str]) -> int | None:
    j = i
    while j < min(len(doc), i + 3) and doc[j].is_title and doc[j].lower_ not in single_titles:
        j += 1  # "High" of "High Commissioner"
    if j + 2 >= len(doc) or doc[j].lower_ not in single_titles or doc[j + 1].lower_ not in {"for", "of", "on"}:
        return None
    k = j + 2 + (doc[j + 2].lower_ == "the")
    end = k
    while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
        end += 1
    return end if end > k else None


def _lower_words(doc) -> set[str]:
    """The words the article writes in lower case, read from the doc's arrays: a Token object per word cost more
    than the rest of the entity rules."""
    rows = doc.to_array([LOWER, IS_ALPHA, IS_LOWER])
    strings = doc.vocab.strings
    return {strings[int(h)] for h in set(rows[(rows[:, 1] == 1) & (rows[:, 2] == 1), 0].tolist())}


def _without_common_words(spans: list[tuple[Span, Span]], headline: dict[int, bool]) -> list[tuple[Span, Span]]:
    """Drops words capitalised only by their place that the article writes in lower case elsewhere: "Coal" of
    "Coal isn't the villain" in an article about coal, "Sell Coal" of a headline. A form the article also capitalises
    mid-sentence is a name ("Trump" opening a sentence)."""
    if not spans:
        return spans
    doc = spans[0][0].doc
    lower_words = _lower_words(doc)

    def by_position(ent: Span, span: Span) -> bool:
        opener = span[0].is_sent_start or (
            span.start > 0 and doc[span.start - 1].is_sent_start and doc[span.start - 1].is_punct
        )
        return headline[ent.start] or (len(span) == 1 and bool(opener))

    named = {name_key(span.text) for ent, span in spans if not by_position(ent, span)}
    return [
        (ent, span)
        for ent, span in spans
        if not by_position(ent, span)
        or name_key(span.text) in named
        or not all(t.is_alpha and t.lower_ in lower_words for t in span if not t.is_punct)
    ]


def _is_epithet(span: Span, full_forms: set[str], known: dict[str, str], rules: RuleSet) -> bool:
    """A first word that is not part of the name after it: "Crooked" of "Crooked Hillary Clinton" (a capitalised
    word, no first name and no article, before a full name the article uses without it; "Enrique" of "Enrique Peña
    Nieto" is a first name), or a cue verb opening the sentence ("Say Mexico demanded ...")."""
    first, rest = span[0], span[1:]
    if not rest or not first.is_alpha or not rest[0].text[:1].isupper():
        return False
    if first.is_sent_start and first.lower_ in speech_forms(rules) and name_key(rest.text) in known:
        return True
    return (
        len(rest) >= 2
        and first.lower_ not in _SMALL_WORDS
        and name_key(rest.text) in full_forms
        and first_name_gender(first.text) is None
    )


def _short_forms(span: Span, label: str) -> list[Span]:
    """The span and the parts a writer uses alone: its tail ("Clinton", "Scientology"), and a person's first name."""
    tails = [span[i:] for i in range(len(span)) if span[i].text[:1].isupper()]
    return tails + ([span[:1]] if label == "PERSON" and len(span) > 1 else [])


def _known_parts(span: Span, label: str, known: dict[str, str], rules: RuleSet) -> list[tuple[int, int, str, str]]:
    """A headline span reduced to the names the article's body uses ("Clinton Hid Past Health" → Clinton; "Trump
    Warns Iran" → Trump, Iran), each with the label of its body form; kept whole when the body names none of it.
    A place right after a title is part of another name ("America" of "Captain America")."""
    doc = span.doc
    if name_key(span.text) in known:
        return [(span.start_char, span.end_char, span.text, known[name_key(span.text)])]
    single_titles = single_word_titles(rules)
    found: list[tuple[int, int, str]] = []  # (start token, end token, label of the body form)
    i = span.start
    while i < span.end:
        j = next(
            (j for j in range(span.end, i, -1) if doc[j - 1].text[:1].isalnum() and name_key(doc[i:j].text) in known),
            None,
        )
        if j is None or not doc[i].text[:1].isalpha() or (i > span.start and not doc[i - 1].whitespace_):
            i += 1  # (a word glued to the one before is part of it: "American" of "African-American Museum")
            continue
        part_label = known[name_key(doc[i:j].text)]
        if not (part_label in {"GPE", "LOC"} and i > 0 and doc[i - 1].text.rstrip(".").lower() in single_titles):
            if found and found[-1][1] == i and found[-1][2] == "PERSON" and _first_names_only(doc, found[-1]):
                i, part_label = found.pop()[0], "PERSON"  # "Donald" and "Trump" known apart: one name
            found.append((i, j, part_label))
        i = j
    parts, done = [], span.start
    for i, j, part_label in found:
        if j - i == 1:  # a surname: with the first names and initials before it ("Hillary Clinton Was Headed")
            while i > done and (first_name_gender(doc[i - 1].text) or re.fullmatch(r"[A-Z]\.", doc[i - 1].text)):
                i -= 1
        part = doc[i:j]
        parts.append((part.start_char, part.end_char, part.text, part_label))
        done = j
    return parts or [(span.start_char, span.end_char, span.text, label)]


def _first_names_only(doc: Doc, part: tuple[int, int, str]) -> bool:
    return all(first_name_gender(t.text) for t in doc[part[0] : part[1]])
