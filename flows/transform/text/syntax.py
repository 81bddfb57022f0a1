"""What the quote, event and participant rules share about a parsed sentence: label sets, quotation marks, the
subject of a verb (two rules: who speaks, and who acts) and a phrase's own tokens. A pronoun's antecedent is
flows/transform/pronouns.py."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.marks import Marked, find_marked

# Labels of things that act and speak, and of places.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
SPEAKER_LABELS = ACTOR_LABELS
PLACE_LABELS = ("GPE", "LOC", "FAC")

_MARKED = "_nd_marked"


class Phrase(NamedTuple):
    """A participant, speaker or place as the text names it, and the entity mention it refers to: its own name, or
    a pronoun's antecedent (start, end of that mention), or None."""

    text: str
    start: int
    end: int
    ref: tuple[int, int] | None = None
    affiliation: str | None = None  # the backer of "Iran-backed militias": not the actor itself


def marked_spans(doc: Doc) -> list[Marked]:
    """The doc's quotation-marked spans, found once per doc (quotes and events both need them)."""
    found = doc.user_data.get(_MARKED)
    if found is None:
        found = doc.user_data[_MARKED] = find_marked(text_of(doc))
    return found


def marked_at(pos: int, marked: list[Marked]) -> Marked | None:
    """The marked span holding character `pos`, if any."""
    for m in marked:
        if m.start <= pos < m.end:
            return m
    return None


def speaker_subject(verb: Token) -> Token | None:
    """Who a speech verb's words belong to: its subject, also a passive one, and the noun a relative pronoun stands
    for."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head  # "Marc Morial, who said ...": the relative pronoun stands for the noun it follows
            return child
    # "..., he said and added ...": a conjoined or complement verb shares its head's subject.
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return speaker_subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "The senator was quoted as saying ..."
        return next((c for c in verb.head.head.children if c.dep_ == "nsubjpass"), None)
    return None


def agent_subject(tok: Token) -> Token | None:
    """Who does what a verb says: its active subject only (a passive subject is the one it is done to)."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    if tok.dep_ == "xcomp" and tok.head.i != tok.i:
        # "was forced to step down", "was asked to leave": the one it was done to does the complement
        done_to = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
        if done_to is not None:
            return done_to
    finite = finite_head(tok)
    if finite.i != tok.i:
        return agent_subject(finite)
    if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
        return agent_subject(tok.head)
    return None


# A measure of a thing ("$10 million in aid", "a new round of sanctions", "a package worth ..."): its verb governs both.
_MEASURES = {"in", "of", "worth"}


def governing_verb(tok: Token) -> Token | None:
    """The verb a noun is the object of, directly, through a preposition ("died in the attack") or through a measure
    of it ("provided $10 million in aid", "imposed a new round of sanctions"), or of the noun it names ("unveiled an
    aid package")."""
    node = tok.head if tok.dep_ == "compound" else tok
    for _ in range(2):
        head = node.head
        if node.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            return head
        if node.dep_ != "pobj" or head.pos_ != "ADP":
            return None
        if head.head.pos_ in ("VERB", "AUX"):
            return head.head
        if head.lower_ not in _MEASURES or head.head.pos_ not in ("NOUN", "NUM", "PROPN") or head.head.i == node.i:
            return None
        node = head.head
    return None


def agent_of(verb: Token) -> Token | None:
    """The "by" phrase's object of a passive verb ("was accused by the minister"): the one who did it."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


_FINITE = ("VBD", "VBZ", "VBP")


def finite_head(tok: Token) -> Token:
    """ "called the attacks an attempt to divert attention ... and blamed foreign agencies": a finite verb the parse
    joined to an infinitive goes with the finite verb above it (that verb is returned); any other token is its own."""
    if tok.dep_ != "conj" or tok.tag_ not in _FINITE or tok.head.tag_ != "VB":
        return tok
    node = tok.head
    while node.tag_ not in _FINITE and node.head.i != node.i:
        node = node.head
    return node if node.tag_ in _FINITE else tok


def _in_word(tok: Token) -> bool:
    """A hyphen inside a word ("56-year-old"): part of the phrase, not punctuation between phrases."""
    return tok.text in ("-", "‐", "–") and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def own_tokens(head: Token) -> list[Token]:
    """The head's noun phrase without the clauses, appositions and prepositional phrases hanging off it."""
    cut = {
        t.i
        for c in head.children
        if (c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") and not _in_word(c))
        or (c.dep_ == "prep" and c.lower_ != "of")
        for t in c.subtree
    }
    toks = [t for t in head.subtree if t.i not in cut]
    # Keep the contiguous run around the head.
    lo = hi = toks.index(head)
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    return toks[lo : hi + 1]
