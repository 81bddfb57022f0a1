"""Quotes with speakers: direct (in quotation marks), indirect (reported clauses) and mixed.

Cues are the verbs of seeds/cue_verbs.csv (matched by lemma, so every inflection counts) and "according to".
A cue's content comes from the parse (its clausal complement, or for object-frame verbs such as "described" its
object and complement); quotation marks found by `quote_marks` make a quote direct, or mixed when they hold
only a fragment of a reported clause. Marked quotes without a cue of their own take the cue of their sentence,
or the voice of the quote just before them. The speaker is the cue's subject, through appositions to the name,
and through pronouns to the nearest preceding person outside quotation marks.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from nightdesk.transform import rules as rule_files
from nightdesk.transform.quotes.interviews import interview_turns
from nightdesk.transform.quotes.parts import FIRST_PERSON, MIN_TOKENS, Quote, speaker_of, trim, word_count
from nightdesk.transform.quotes.passages import continued_voice, join_paragraphs, uncued_marked
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import cached, sent_of, sents
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.marks import Marked
from nightdesk.transform.text.paragraphs import body_start
from nightdesk.transform.text.syntax import (
    agent_of,
    marked_at,
    marked_spans,
    speaker_subject,
)


@cache
def cue_frames(rules: RuleSet) -> dict[str, str]:
    return {r["lemma"].strip().lower(): r["frame"].strip() for r in rules.rows("cue_verbs")}


def _clause_content(verb: Token, frame: str, marked: list[Marked]) -> tuple[int, int] | None:
    doc = verb.doc
    deps = ("ccomp", "parataxis") + (("xcomp",) if frame == "clause_or_to" else ())
    for child in verb.children:
        if child.dep_ in deps:
            lo, hi = child.left_edge.i, child.right_edge.i
            while lo <= hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if")):
                lo += 1
            return doc[lo].idx, doc[hi].idx + len(doc[hi])
    # "wrote on the company's blog that usage had fallen": the parser hangs the that-clause on the noun as a relative
    # clause whose "that" is a determiner of its subject, not the relative pronoun.
    for prep in (c for c in verb.rights if c.dep_ == "prep"):
        for clause in (t for obj in prep.children if obj.dep_ == "pobj" for t in obj.children if t.dep_ == "relcl"):
            first = clause.left_edge
            if first.lower_ == "that" and first.dep_ == "det" and first.head.dep_ == "nsubj":
                hi = clause.right_edge.i
                return doc[first.i + 1].idx, doc[hi].idx + len(doc[hi])
    if frame == "object":
        right = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod")]
        if right and any(c.dep_ in ("dobj", "oprd", "prep", "attr") for c in right):
            lo = right[0].left_edge.i
            hi = max(c.right_edge.i for c in right)
            return doc[lo].idx, doc[hi].idx + len(doc[hi])
    return None


def _according_to(token: Token) -> tuple[Token, tuple[int, int]] | None:
    """'According to X, S.' → (X, the rest of the sentence)."""
    if token.lower_ != "according":  # (first: this runs on every token of every article)
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = sent_of(token)
    lo, hi = token.i, max(pobj.right_edge.i, nxt.i)
    if lo > sent.start:  # "S, according to X."
        start, end = sent.start_char, token.idx
    else:
        start, end = token.doc[hi].idx + len(token.doc[hi]), sent.end_char
    return pobj, (start, end)


def extract_quotes(doc: Doc, rules: RuleSet) -> list[Quote]:
    frames = cue_frames(rules)
    marked = marked_spans(doc)
    quotes: list[Quote] = []
    claimed: set[int] = set()  # indexes of marked spans already part of a quote

    for token in doc:
        according = _according_to(token)
        frame = frames.get(token.lemma_.lower()) if token.pos_ in ("VERB", "AUX") else None
        if according is None and frame is None:
            continue
        if marked_at(token.idx, marked) is not None:
            continue  # a cue inside a quotation belongs to the quoted speaker's own words
        if according is not None:
            subj, content = according
            cue = "according to"
        else:
            subj = speaker_subject(token)
            if frame in ("object", "clause_or_to") and any(c.dep_ == "nsubjpass" for c in token.children):
                # "some are blamed for ongoing attacks", "he was told that ...": the passive subject is the one
                # spoken of or to; only a "by" phrase names a speaker
                subj = agent_of(token)
            named = [c for c in token.children if c.dep_ in ("oprd", "attr")]
            if frame == "object" and named and all(c.pos_ == "PROPN" and not marked_at(c.idx, marked) for c in named):
                continue  # "was called Bob by his friends" gives a name, it reports no words
            content = None if frame == "quote_only" else _clause_content(token, frame, marked)
            cue = token.text
        if content is None:
            content = _adjacent_marked(doc, token, marked, claimed)
        if content is None or subj is None:
            continue  # a cue without a subject ("so-called", an imperative) attributes nothing
        if subj is not None and subj.lower_ in FIRST_PERSON:
            continue  # "I’m not saying ...": the cue sits inside someone's unmarked direct speech
        start, end = trim(doc, *content)
        if word_count(doc, start, end) < MIN_TOKENS:
            continue
        quote = _typed_quote(doc, start, end, marked, claimed, cue, token.idx)
        quote.inverted = subj is not None and subj.i > token.i and token.idx > start
        if subj is not None:
            quote.speaker_text, quote.speaker_start, quote.speaker_end, quote.speaker_ref = speaker_of(
                doc, subj, marked, rules
            )
        quotes.append(quote)
    quotes = _according_as_via(doc, quotes)
    join_paragraphs(doc, quotes, marked, claimed)
    quotes.extend(_interview_quotes(doc, marked, claimed))
    quotes.extend(uncued_marked(doc, marked, claimed, quotes, rules))
    quotes.extend(continued_voice(doc, quotes, marked, frames))
    body = body_start(
        doc
    )  # a quote inside the title stays (PolNeAR annotates "Obama Says ..."), none runs into the body
    return [q for q in _dedupe(quotes) if not q.start < body < q.end]


def _according_as_via(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """ "The vote is off, the commission said, according to Reuters": the words are the commission's, Reuters passed
    them on. An "according to X" after another cue of its sentence, whose content holds that cue, is no quote of X: X
    becomes that quote's `via`, and the attribution stays out of its content (also where the cue's clause runs over
    it: "he said S, according to Reuters"). A leading one ("According to a poll, 55 percent said ...") stays the
    quote of its source, as PolNeAR's readers attribute it (tried: taking it as a `via` too cost 13 named speakers of
    2,910 on half A of polnear-train)."""
    according = [q for q in quotes if q.cue == "according to" and q.speaker_text and q.speaker_end is not None]
    dropped = set()
    text = text_of(doc)
    for a in according:
        inner = [
            q
            for q in quotes
            if q is not a and q.cue not in (None, "according to") and q.cue_start is not None
            and a.start <= q.cue_start < a.end and q.speaker_text
            and a.cue_start is not None and q.cue_start < a.cue_start
        ]  # fmt: skip
        cut_end = a.speaker_end  # the phrase "according to X" and the punctuation after it
        while cut_end < len(text) and text[cut_end] in ",;: ":
            cut_end += 1
        for q in inner:
            q.via_text, q.via_start, q.via_end = a.speaker_text, a.speaker_start, a.speaker_end
            q.spans = _without(doc, q.spans, a.cue_start, cut_end) or q.spans
        if inner:
            dropped.add(id(a))
    return [q for q in quotes if id(q) not in dropped]


def _without(doc: Doc, spans: list[tuple[int, int]], cut_start: int, cut_end: int) -> list[tuple[int, int]]:
    """The spans with the characters [cut_start, cut_end) left out (a span across them becomes two parts)."""
    parts = []
    for s, e in spans:
        if e <= cut_start or s >= cut_end:
            parts.append((s, e))
            continue
        for ps, pe in ((s, min(e, cut_start)), (max(s, cut_end), e)):
            ps, pe = trim(doc, ps, pe)
            if pe > ps:
                parts.append((ps, pe))
    return parts


def _interview_quotes(doc: Doc, marked: list[Marked], claimed: set[int]) -> list[Quote]:
    """ "Lindqvist: We were surprised." and Q:/A: transcripts (flows/transform/interviews.py)."""
    out = []
    for turn in interview_turns(doc):
        start, end = trim(doc, turn.start, turn.end)
        if turn.speaker is None or word_count(doc, start, end) < MIN_TOKENS:
            continue
        q = Quote([(start, end)], "direct", None, None)
        (q.speaker_text, q.speaker_start, q.speaker_end), q.speaker_ref = turn.speaker, turn.ref
        claimed.update(i for i, m in enumerate(marked) if start <= m.start < end)
        out.append(q)
    return out


def _adjacent_marked(doc: Doc, cue: Token, marked: list[Marked], claimed: set[int]) -> tuple[int, int] | None:
    """A cue with no clause of its own: the quotation in its sentence, or right after its colon."""
    sent = sent_of(cue)
    in_sentence = [
        i for i, m in enumerate(marked) if i not in claimed and m.start < sent.end_char and m.end > sent.start_char
    ]
    if in_sentence:
        parts = [marked[i] for i in in_sentence]
        return parts[0].start, parts[-1].end
    after = text_of(doc)[cue.idx : sent.end_char]
    if after.rstrip().endswith(":"):
        nxt = [
            m
            for i, m in enumerate(marked)
            if i not in claimed and m.start >= sent.end_char and m.start - sent.end_char < 4
        ]
        if nxt:
            return nxt[0].start, nxt[0].end
    return None


def _typed_quote(
    doc: Doc, start: int, end: int, marked: list[Marked], claimed: set[int], cue: str, cue_start: int
) -> Quote:
    """Direct when the content is quoted (several quoted parts around the cue join into one quote); mixed when the
    reported clause holds a quoted fragment; else indirect."""
    inside = [i for i, m in enumerate(marked) if m.start < end and m.end > start]
    if not inside:
        return Quote([(start, end)], "indirect", cue, cue_start)
    parts = [marked[i] for i in inside]
    quoted_chars = sum(min(m.end, end) - max(m.start, start) for m in parts)
    plain = text_of(doc)[start:end]
    if (
        quoted_chars >= 0.8 * len(plain.replace(" ", ""))
        or all(m.start <= start + 2 for m in parts[:1])
        and parts[0].end >= end - 2
    ):
        claimed.update(inside)
        spans = [trim(doc, m.start, m.end) for m in parts]
        # An interrupted quote ("..., ” she said, “ ...") also takes the quoted part on the cue's other side.
        sent = next((s for s in sents(doc) if s.start_char <= cue_start < s.end_char), None)
        if sent is not None:
            for i, m in enumerate(marked):
                if (
                    i not in claimed
                    and sent.start_char <= m.start < sent.end_char
                    and word_count(doc, m.start, m.end) >= MIN_TOKENS
                ):
                    claimed.add(i)
                    spans.append(trim(doc, m.start, m.end))
        spans = sorted(s for s in spans if s[1] > s[0])
        return Quote(spans, "direct", cue, cue_start)
    claimed.update(inside)
    return Quote([(start, end)], "mixed", cue, cue_start)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Overlapping quotes from several cues keep the best: a speaker first, then direct, then the longer."""
    ranked = sorted(quotes, key=lambda q: (q.speaker_text is None, q.quote_type != "direct", -(q.end - q.start)))
    kept: list[Quote] = []
    for q in ranked:
        if any(min(q.end, k.end) - max(q.start, k.start) > 0.5 * min(q.end - q.start, k.end - k.start) for k in kept):
            continue
        kept.append(q)
    return sorted(kept, key=lambda q: q.start)


if not Doc.has_extension("nd_quotes"):
    Doc.set_extension("nd_quotes", default=None)


class Quotes:
    """Sets doc._.nd_quotes: the quotes of the doc, each with content spans, type, cue and speaker."""

    def __init__(self, rules: RuleSet):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        with cached(doc):
            doc._.nd_quotes = extract_quotes(doc, self.rules)
        return doc


@Language.factory("nightdesk_quotes", default_config={"seeds_dir": None})
def make_quotes(nlp: Language, name: str, seeds_dir):
    """`seeds_dir`: the rule files, cue verbs among them (None: the packaged seeds/)."""
    return Quotes(rule_files.for_folder(seeds_dir))
