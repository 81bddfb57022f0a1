"""The person a he/she refers to, found as a reader finds it.

A reader takes the person the sentences before are about (a subject of this or the previous two sentences), else
the nearest person named, never one inside a quotation, and never one the pronoun cannot be: "she" is not the man
named last. What says a person's gender, strongest first: a title right before the name ("Mrs.", "Congressman",
seeds/titles.csv `gender`), the article's own he/she for that person (so a list is not believed over the text:
"Raila Odinga ... he said"), the first name (names.sure_gender), and for a bare surname its full names' (none when
they disagree, as for Hillary and Bill Clinton).

The small model misses some names: a capitalised word that is the surname of a person the article names in full
("Trump responded ..." after "Donald Trump") is that person, and a lone first name as a subject ("Melanie
thought ...") is a person of that name's gender.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc

from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import ents, memo, sent_of, sents
from nightdesk.transform.text.marks import Marked
from nightdesk.transform.text.names import name_key, strip_possessive, sure_gender, title_genders
from nightdesk.transform.text.syntax import marked_at

PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip
# The article's own pronouns decide a person's gender once they say it this many times, this clearly.
MIN_PRONOUN_VOTES = 2
MIN_PRONOUN_SHARE = 0.75


class Person(NamedTuple):
    start: int  # where the text names the person here (people sort by it: bisect finds the ones before a pronoun)
    ref: tuple[int, int] | None  # the entity mention it stands for (a rescued surname: its full name's mention)
    subject: bool
    gender: str | None
    listed: bool = False  # the gender is only a first-name list's (no title, no pronoun of the article's said it)
    quoted: bool = False  # inside a closed quotation (an unclosed one is a block quote's narrative)


def _surname(text: str) -> str:
    return strip_possessive(text).split()[-1] if text.split() else ""


def _first_gender(text: str) -> str | None:
    words = [w for w in text.split() if w[:1].isupper()]
    return sure_gender(words[0]) if len(words) > 1 else None


def _title_gender(doc: Doc, start: int, genders: dict[str, str]) -> str | None:
    """ "Mrs. Clinton", "Congresswoman X": the title word right before the name, or the span's own first word."""
    for i in (start - 1, start):
        if 0 <= i < len(doc):
            found = genders.get(doc[i].lower_.rstrip("."))
            if found:
                return found
    return None


def _pronoun_votes(doc: Doc, named: list[tuple[int, str]], marked: list[Marked]) -> dict[str, str]:
    """Surname → gender where the article's own pronouns say it: a sentence whose only person is a subject and
    whose pronouns outside quotation marks are all of one gender votes for that person."""
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    for i, key in named:
        by_sentence.setdefault(sent_of(doc[i]).start, []).append((i, key))
    votes: dict[str, Counter] = {}
    for start, people in by_sentence.items():
        keys = {key for _, key in people}
        if len(keys) != 1 or not any(doc[i].dep_ in ("nsubj", "nsubjpass") for i, _ in people):
            continue
        sent = sent_of(doc[start])
        said = {
            PRONOUN_GENDER[t.lower_]
            for t in sent
            if t.lower_ in PRONOUN_GENDER and t.i > people[0][0] and marked_at(t.idx, marked) is None
        }
        if len(said) == 1:
            votes.setdefault(keys.pop(), Counter())[said.pop()] += 1
    out = {}
    for key, counter in votes.items():
        gender, n = counter.most_common(1)[0]
        if n >= MIN_PRONOUN_VOTES and n / sum(counter.values()) >= MIN_PRONOUN_SHARE:
            out[key] = gender
    return out


def persons(doc: Doc, marked: list[Marked], rules: RuleSet) -> list[Person]:
    """Every place the article names a person, in text order, with the gender it can be referred to by."""
    return memo(doc, "persons", lambda: _persons(doc, marked, rules))


class _Named(NamedTuple):
    start: int
    end: int
    label: str
    canonical: str  # the name the article's entity clustering settled on ("Hillary Clinton" for "Clinton")


def _named(doc: Doc) -> list[_Named]:
    """The entity mentions of the article (doc._.nd_mentions, whose spans the entity rows use, so a reference links
    to its entity), or the model's own spans where the entity component did not run."""
    mentions = doc._.nd_mentions if Doc.has_extension("nd_mentions") else None
    if mentions is not None:
        return [_Named(m.start_char, m.end_char, m.label, m.canonical) for m in mentions if m.canonical]
    return [_Named(e.start_char, e.end_char, e.label_, strip_possessive(e.text)) for e in ents(doc)]


def surname_ref(doc: Doc, word: str, at: int) -> tuple[int, int] | None:
    """A bare surname the small model did not tag ("Sanders said ..."): the mention of the person named in full
    with that surname, the one named last before `at` when the article names several (else the first)."""
    named = [m for m in _named(doc) if m.label == "PERSON" and len(m.canonical.split()) > 1]
    found = [m for m in named if _surname(m.canonical) == word]
    if not found:
        return None
    before = [m for m in found if m.start < at]
    m = before[-1] if before else found[0]
    return m.start, m.end


def _persons(doc: Doc, marked: list[Marked], rules: RuleSet) -> list[Person]:
    genders = title_genders(rules)
    named = _named(doc)
    full: dict[str, set[str]] = {}  # surname → the full names it is the surname of
    first_mention: dict[str, _Named] = {}
    for m in named:
        if m.label == "PERSON" and len(m.canonical.split()) > 1:
            full.setdefault(_surname(m.canonical), set()).add(name_key(m.canonical))
            first_mention.setdefault(name_key(m.canonical), m)
    # The small model sometimes tags a person's bare surname as an organisation ("Ham explained why he backs
    # Trump" after "Norman Ham"): a one-word name that is the surname of a person named in full is that person.
    # (root token, first token, start, ref, canonical name, gender)
    found: list[tuple[int, int, int, tuple[int, int] | None, str, str | None]] = []
    covered: set[int] = {t.i for e in ents(doc) for t in e}
    for m in named:
        if m.label != "PERSON" and m.canonical not in full:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span.root.i, span.start, m.start, (m.start, m.end), m.canonical, None))
            covered.update(t.i for t in span)
    for t in doc:
        if t.i in covered or not t.text[:1].isupper() or t.pos_ != "PROPN":
            continue
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() for j in (t.i - 1, t.i + 1)):
            continue  # part of a longer name the model did not tag ("Ivanka Trump", "Trump Tower")
        if len(full.get(t.text, ())) == 1:  # "Trump responded" after "Donald Trump": that person
            m = first_mention[next(iter(full[t.text]))]
            found.append((t.i, t.i, t.idx, (m.start, m.end), m.canonical, None))
        elif t.dep_ in ("nsubj", "nsubjpass") and sure_gender(t.text) and t.text not in full:
            found.append((t.i, t.i, t.idx, None, t.text, sure_gender(t.text)))  # "Melanie thought ...": no entity
    found.sort(key=lambda f: f[2])
    voted = _pronoun_votes(doc, [(f[0], name_key(f[4])) for f in found], marked)
    # A bare surname the clustering left alone has its full names' gender, none when they disagree ("Clinton"
    # with Hillary and Bill Clinton named about as often).
    surname_gender = {k: {_first_gender(n) for n in v} for k, v in full.items()}
    closed = sorted((m.start, m.end) for m in marked if m.closed)
    out: list[Person] = []
    for i, first, start, ref, canonical, gender in found:
        listed = gender is not None  # a lone first name ("Melanie"): the list's word
        if gender is None:
            gender = _title_gender(doc, first, genders)
        if gender is None:
            gender = voted.get(name_key(canonical))
        if gender is None:
            listed = True
            if len(canonical.split()) > 1:
                said = {_first_gender(canonical)}
            else:  # a bare surname, or a lone first name ("Melanie")
                said = surname_gender.get(canonical) or {sure_gender(canonical)}
            gender = next(iter(said)) if len(said) == 1 else None
        # A subject inside reported words ("Earnest said that Obama has long called for ...") is not the topic.
        reported = any(a.dep_ == "ccomp" for a in doc[i].ancestors)
        subject = doc[i].dep_ in ("nsubj", "nsubjpass") and not reported
        out.append(Person(start, ref, subject, gender, listed and gender is not None, _inside(closed, start)))
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` inside one of these sorted, non-overlapping (start, end) spans?"""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _narrative_starts(doc: Doc, marked: list[Marked]) -> list[int]:
    """Where the sentences outside quotation marks start: the ones inside do not push the topic out of reach
    ("'How many times ...? ... I mean, ...' she said")."""
    inside = sorted((m.start, m.end) for m in marked)
    out = []
    for s in sents(doc):
        k = bisect.bisect_left(inside, (s.start_char,)) - 1
        if k < 0 or not inside[k][0] < s.start_char < inside[k][1]:
            out.append(s.start_char)
    return out


def antecedent(doc: Doc, pos: int, marked: list[Marked], rules: RuleSet, depth: int = 0) -> tuple[int, int] | None:
    """The entity mention a he/she at character `pos` refers to (module docstring), or None."""
    at = doc.char_span(pos, pos + 1, alignment_mode="expand")
    wanted = PRONOUN_GENDER.get(at[0].lower_) if at is not None and len(at) else None  # "He's": the token "He"
    starts = memo(doc, "narrative_sentences", lambda: _narrative_starts(doc, marked))
    n = bisect.bisect_right(starts, pos)
    window_start = starts[n - 3] if n >= 3 else 0
    people = persons(doc, marked, rules)
    nearest = subject = listed_subject = None
    # Backwards from the pronoun: the nearest person of its gender, and the nearest subject within the window.
    for j in range(bisect.bisect_left(people, (pos,)) - 1, -1, -1):
        p = people[j]
        if p.start < window_start and nearest is not None:
            break
        if p.quoted:
            continue  # a person a quotation mentions is not its speaker; a block quote's narrative names people
        in_window = p.start >= window_start
        if wanted and p.gender not in (None, wanted):
            if p.listed and p.subject and in_window and listed_subject is None:
                listed_subject = p
            continue
        nearest = nearest or p
        if in_window and p.subject and subject is None:
            subject = p
    # "She says his temperament is dangerous. ... She tweeted: ...": a later subject that is the same pronoun
    # carries on its own antecedent, ahead of an entity named in between ("accusing Alicia Machado").
    chained = [
        t
        for t in doc.char_span(window_start, pos, alignment_mode="contract") or []
        if t.dep_ in ("nsubj", "nsubjpass")
        and PRONOUN_GENDER.get(t.lower_) == wanted
        and wanted is not None
        and marked_at(t.idx, marked) is None
    ]
    if chained and depth < 4 and (subject is None or chained[-1].idx > subject.start):
        carried = antecedent(doc, chained[-1].idx, marked, rules, depth + 1)
        if carried is not None:
            return carried
    # A person the model did not tag ("Melanie") has no entity: no speaker is better than the wrong one. With no one
    # of the pronoun's gender in reach, a list's gender gives way to the sentences' subject ("Raila Odinga ... he").
    best = subject or nearest or listed_subject
    return best.ref if best is not None else None
