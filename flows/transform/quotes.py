"""Quotes with speakers: direct (in quotation marks), indirect (reported clauses) and mixed.

Cues are the verbs of seeds/cue_verbs.csv (matched by lemma, so every inflection counts) and "according to".
A cue's content comes from the parse (its clausal complement, or for object-frame verbs such as "described" its
object and complement); quotation marks found by `quote_marks` make a quote direct, or mixed when they hold
only a fragment of a reported clause. Marked quotes without a cue of their own take the cue of their sentence,
or the voice of the quote just before them. The speaker is the cue's subject, through appositions to the name,
and through pronouns to the nearest preceding person outside quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flows.transform import rules as rule_files
from flows.transform.doccache import cached, ents, sent_of, sents
from flows.transform.doccache import text as text_of
from flows.transform.interviews import interview_turns
from flows.transform.names import strip_possessive
from flows.transform.pronouns import antecedent
from flows.transform.quote_marks import Marked
from flows.transform.rules import RuleSet
from flows.transform.syntax import (
    SPEAKER_LABELS,
    agent_of,
    marked_at,
    marked_spans,
    own_tokens,
    speaker_subject,
)

MIN_TOKENS = 3  # shorter content is a scare quote or a title, not a quote
MIN_UNCUED_MARKED_TOKENS = 5  # a marked quote that only inherits a voice must be a real utterance
_PERSONAL_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "i’m", "i'm", "we’re", "we're", "we’ve", "we've"}
_EDGE = set(" \n\t,.:;—–-\"'“”‘’«»()")


@dataclass
class Quote:
    spans: list[tuple[int, int]]
    quote_type: str
    cue: str | None
    cue_start: int | None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_ref: tuple[int, int] | None = None  # the entity mention the speaker resolves to
    inverted: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@cache
def cue_frames(rules: RuleSet) -> dict[str, str]:
    return {r["lemma"].strip().lower(): r["frame"].strip() for r in rules.rows("cue_verbs")}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = text_of(doc)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _clause_content(verb: Token, frame: str, marked: list[Marked]) -> tuple[int, int] | None:
    doc = verb.doc
    deps = ("ccomp", "parataxis") + (("xcomp",) if frame == "clause_or_to" else ())
    for child in verb.children:
        if child.dep_ in deps:
            lo, hi = child.left_edge.i, child.right_edge.i
            while lo <= hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if")):
                lo += 1
            return doc[lo].idx, doc[hi].idx + len(doc[hi])
    if frame == "object":
        right = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod")]
        if right and any(c.dep_ in ("dobj", "oprd", "prep", "attr") for c in right):
            lo = right[0].left_edge.i
            hi = max(c.right_edge.i for c in right)
            return doc[lo].idx, doc[hi].idx + len(doc[hi])
    return None


def _according_to(token: Token) -> tuple[Token, tuple[int, int]] | None:
    """'According to X, S.' → (X, the rest of the sentence)."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.lower_ != "according" or nxt is None or nxt.lower_ != "to":
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


def _entity_at(doc: Doc, token: Token) -> Span | None:
    for ent in ents(doc):
        if ent.start <= token.i < ent.end and ent.label_ in SPEAKER_LABELS:
            return ent
    return None


def _speaker(
    doc: Doc, subj: Token, marked: list[Marked], rules: RuleSet
) -> tuple[str, int, int, tuple[int, int] | None]:
    """(speaker_text, start, end, entity mention span) for a cue's subject."""
    ent = _entity_at(doc, subj)
    if ent is None or ent.label_ != "PERSON":
        # "A State Department spokeswoman, Ned Price, said": the apposition names the speaker.
        for a in subj.children:
            found = _entity_at(doc, a) if a.dep_ == "appos" else None
            if found is not None and found.label_ == "PERSON":
                ent = found
                break
    if ent is None:
        # "Iraqi Foreign Minister Fuad Hussein": a person inside the subject's own words (not in a clause or
        # phrase hanging off it) is the speaker; a mere modifier ("Iraqi officials") is not.
        own = {t.i for t in own_tokens(subj)}
        persons = [e for e in ents(doc) if e.label_ == "PERSON" and all(t.i in own for t in e)]
        ent = persons[-1] if persons else None
    if ent is not None:
        name = strip_possessive(ent.text)  # "Keir Starmer's reply": the NER span keeps the 's
        return name, ent.start_char, ent.start_char + len(name), (ent.start_char, ent.end_char)
    if subj.lower_ in _PERSONAL_PRONOUNS:
        return subj.text, subj.idx, subj.idx + len(subj), antecedent(doc, subj.idx, marked, rules)
    # A nominal speaker ("Iraqi officials", "the ministry's spokesman"): its own noun phrase.
    toks = own_tokens(subj)
    lo, hi = toks[0], toks[-1]
    return text_of(doc)[lo.idx : hi.idx + len(hi)], lo.idx, hi.idx + len(hi), None


def _word_count(doc: Doc, start: int, end: int) -> int:
    return sum(1 for ch in text_of(doc)[start:end].split() if any(c.isalnum() for c in ch))


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
            if frame == "object" and any(c.dep_ == "nsubjpass" for c in token.children):
                # "some are blamed for ongoing attacks", "was called Bob": the passive subject is the one spoken
                # of; only a "by" phrase names a speaker
                subj = agent_of(token)
            content = None if frame == "quote_only" else _clause_content(token, frame, marked)
            cue = token.text
        if content is None:
            content = _adjacent_marked(doc, token, marked, claimed)
        if content is None or subj is None:
            continue  # a cue without a subject ("so-called", an imperative) attributes nothing
        if subj is not None and subj.lower_ in _FIRST_PERSON:
            continue  # "I’m not saying ...": the cue sits inside someone's unmarked direct speech
        start, end = _trim(doc, *content)
        if _word_count(doc, start, end) < MIN_TOKENS:
            continue
        quote = _typed_quote(doc, start, end, marked, claimed, cue, token.idx)
        quote.inverted = subj is not None and subj.i > token.i and token.idx > start
        if subj is not None:
            quote.speaker_text, quote.speaker_start, quote.speaker_end, quote.speaker_ref = _speaker(
                doc, subj, marked, rules
            )
        quotes.append(quote)

    quotes.extend(_interview_quotes(doc, marked, claimed))
    quotes.extend(_uncued_marked(doc, marked, claimed, quotes, rules))
    quotes.extend(_continued_voice(doc, quotes, marked, frames))
    return _dedupe(quotes)


def _interview_quotes(doc: Doc, marked: list[Marked], claimed: set[int]) -> list[Quote]:
    """ "Lindqvist: We were surprised." and Q:/A: transcripts (flows/transform/interviews.py)."""
    out = []
    for turn in interview_turns(doc):
        start, end = _trim(doc, turn.start, turn.end)
        if turn.speaker is None or _word_count(doc, start, end) < MIN_TOKENS:
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
        spans = [_trim(doc, m.start, m.end) for m in parts]
        # An interrupted quote ("..., ” she said, “ ...") also takes the quoted part on the cue's other side.
        sent = next((s for s in sents(doc) if s.start_char <= cue_start < s.end_char), None)
        if sent is not None:
            for i, m in enumerate(marked):
                if (
                    i not in claimed
                    and sent.start_char <= m.start < sent.end_char
                    and _word_count(doc, m.start, m.end) >= MIN_TOKENS
                ):
                    claimed.add(i)
                    spans.append(_trim(doc, m.start, m.end))
        spans = sorted(s for s in spans if s[1] > s[0])
        return Quote(spans, "direct", cue, cue_start)
    claimed.update(inside)
    return Quote([(start, end)], "mixed", cue, cue_start)


def _uncued_marked(
    doc: Doc, marked: list[Marked], claimed: set[int], quotes: list[Quote], rules: RuleSet
) -> list[Quote]:
    """Quoted passages with no cue of their own continue the voice of the quote just before them."""
    out: list[Quote] = []
    for i, m in enumerate(marked):
        words = _word_count(doc, m.start, m.end)
        if i in claimed or words < MIN_TOKENS:
            continue
        q = Quote([_trim(doc, m.start, m.end)], "direct", None, None)
        introduced = _colon_speaker(doc, m.start)
        if introduced is not None:  # "Keir Starmer's reply was sharp: '...'"
            q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_ref = _speaker(doc, introduced, marked, rules)
            claimed.add(i)
            out.append(q)
            continue
        before = [q for q in quotes + out if q.end <= m.start and q.speaker_text]
        if not before:
            continue
        prev = max(before, key=lambda q: q.end)
        gap = text_of(doc)[prev.end : m.start]
        if gap.count("\n\n") > 1 or len(gap) > 400 or not (m.continues or prev.quote_type == "direct"):
            continue
        # A short passage goes on only right after its speaker's quote ("'...,' the minister said. 'That's it.'")
        if words < MIN_UNCUED_MARKED_TOKENS and ("\n" in gap or len(gap) > 60):
            continue
        if "\n" not in gap and prev.quote_type == "direct":
            # "'A,' Cruz said. 'B.'": one utterance the cue interrupts, as readers (and PolNeAR) take it
            prev.spans.append(_trim(doc, m.start, m.end))
            claimed.add(i)
            continue
        q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_ref = (
            prev.speaker_text,
            prev.speaker_start,
            prev.speaker_end,
            prev.speaker_ref,
        )
        claimed.add(i)
        out.append(q)
    return out


_SPEECH_NOUNS = {"reply", "response", "answer", "statement", "message", "verdict", "retort", "comment", "words"}


def _colon_speaker(doc: Doc, start: int) -> Token | None:
    """The person a colon introduces a quotation with: "Starmer's reply was sharp: '...'", "Odinga was defiant:
    '...'" (the subject of the clause before the colon, or the owner of a subject that is speech)."""
    span = doc.char_span(start - 1, start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = sent_of(span[0])
    lead = text_of(doc)[sent.start_char : start].rstrip(" \"'“‘`")
    if not lead.endswith(":"):
        return None
    subject = next((t for t in sent if t.dep_ == "nsubj" and t.idx < start and t.head.dep_ == "ROOT"), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in _SPEECH_NOUNS:
        subject = next((c for c in subject.children if c.dep_ == "poss"), None)
    if subject is None:
        return None
    return subject if subject.ent_type_ == "PERSON" or subject.lower_ in _PERSONAL_PRONOUNS else None


def _continued_voice(doc: Doc, quotes: list[Quote], marked: list[Marked], frames: dict[str, str]) -> list[Quote]:
    """Wire copy's unmarked direct speech ("We are used to this, said X.") often goes on in the next sentence."""
    out = []
    sentences = sents(doc)
    for q in quotes:
        if q.quote_type != "indirect" or not q.inverted or not q.speaker_text:
            continue
        words = {t.lower() for t in text_of(doc)[q.start : q.end].split()}
        if not words & _FIRST_PERSON:
            continue
        q.quote_type = "direct"  # first person in an inverted, unmarked report: the speaker's own words
        idx = next((i for i, s in enumerate(sentences) if s.start_char <= q.start < s.end_char), None)
        if idx is None or idx + 1 >= len(sentences):
            continue
        nxt = sentences[idx + 1]
        if "\n\n" in text_of(doc)[q.end : nxt.start_char] or marked_at(nxt.start_char, marked) is not None:
            continue
        has_cue = any(
            t.lemma_.lower() in frames
            and (speaker_subject(t) is None or speaker_subject(t).lower_ not in _FIRST_PERSON)
            for t in nxt
        )
        if has_cue or not {t.lower_ for t in nxt} & _FIRST_PERSON:
            continue
        start, end = _trim(doc, nxt.start_char, nxt.end_char)
        c = Quote([(start, end)], "direct", None, None)
        c.speaker_text, c.speaker_start, c.speaker_end, c.speaker_ref = (
            q.speaker_text,
            q.speaker_start,
            q.speaker_end,
            q.speaker_ref,
        )
        out.append(c)
    return out


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
