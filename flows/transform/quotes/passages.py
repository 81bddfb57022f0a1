"""Quoted passages without a cue of their own: a colon's speaker ("Starmer's reply was sharp: '...'"), the quote
just before them (in the same paragraph part of it, in a later one a quote of its own), and wire copy's unmarked
direct speech going on in the next sentence."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nightdesk.transform.quotes.parts import (
    FIRST_PERSON,
    MIN_TOKENS,
    MIN_UNCUED_MARKED_TOKENS,
    PERSONAL_PRONOUNS,
    Quote,
    speaker_of,
    trim,
    word_count,
)
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import sent_of, sents
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.marks import Marked
from nightdesk.transform.text.syntax import marked_at, speaker_subject


def uncued_marked(
    doc: Doc, marked: list[Marked], claimed: set[int], quotes: list[Quote], rules: RuleSet
) -> list[Quote]:
    """Quoted passages with no cue of their own continue the voice of the quote just before them."""
    out: list[Quote] = []
    for i, m in enumerate(marked):
        words = word_count(doc, m.start, m.end)
        if i in claimed or words < MIN_TOKENS:
            continue
        q = Quote([trim(doc, m.start, m.end)], "direct", None, None)
        introduced = _colon_speaker(doc, m.start)
        if introduced is not None:  # "Keir Starmer's reply was sharp: '...'"
            q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_ref = speaker_of(doc, introduced, marked, rules)
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
        paragraph_goes_on = m.continues and i > 0 and not marked[i - 1].closed and prev.end >= marked[i - 1].start
        if ("\n" not in gap or paragraph_goes_on) and prev.quote_type == "direct":
            # "'A,' Cruz said. 'B.'": one utterance the cue interrupts, as readers (and PolNeAR) take it; so is a
            # paragraph that opens with a mark after one that did not close (the convention of long quotations)
            prev.spans.append(q.spans[0])
            claimed.add(i)
            continue
        q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_ref = prev.speaker()
        claimed.add(i)
        out.append(q)
    return out


def join_paragraphs(doc: Doc, quotes: list[Quote], marked: list[Marked], claimed: set[int]) -> None:
    """A cued quote in a paragraph that continues an unclosed quotation ("\"We knew this would be hard. ...\n\n\"But
    the players never stopped,\" Gomez said.") starts in the paragraphs before: their passages join it."""
    for q in quotes:
        if q.quote_type != "direct":
            continue
        i = next((k for k, m in enumerate(marked) if m.start <= q.start < m.end), None)
        while i is not None and marked[i].continues and i > 0 and not marked[i - 1].closed and i - 1 not in claimed:
            i -= 1
            if word_count(doc, marked[i].start, marked[i].end) >= MIN_TOKENS:
                q.spans.insert(0, trim(doc, marked[i].start, marked[i].end))
            claimed.add(i)


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
    return subject if subject.ent_type_ == "PERSON" or subject.lower_ in PERSONAL_PRONOUNS else None


def continued_voice(doc: Doc, quotes: list[Quote], marked: list[Marked], frames: dict[str, str]) -> list[Quote]:
    """Wire copy's unmarked direct speech ("We are used to this, said X.") often goes on in the next sentence."""
    out = []
    sentences = sents(doc)
    for q in quotes:
        if q.quote_type != "indirect" or not q.inverted or not q.speaker_text:
            continue
        words = {t.lower() for t in text_of(doc)[q.start : q.end].split()}
        if not words & FIRST_PERSON:
            continue
        q.quote_type = "direct"  # first person in an inverted, unmarked report: the speaker's own words
        idx = next((i for i, s in enumerate(sentences) if s.start_char <= q.start < s.end_char), None)
        if idx is None or idx + 1 >= len(sentences):
            continue
        nxt = sentences[idx + 1]
        if "\n\n" in text_of(doc)[q.end : nxt.start_char] or marked_at(nxt.start_char, marked) is not None:
            continue
        has_cue = any(
            t.lemma_.lower() in frames and (speaker_subject(t) is None or speaker_subject(t).lower_ not in FIRST_PERSON)
            for t in nxt
        )
        if has_cue or not {t.lower_ for t in nxt} & FIRST_PERSON:
            continue
        start, end = trim(doc, nxt.start_char, nxt.end_char)
        c = Quote([(start, end)], "direct", None, None)
        c.speaker_text, c.speaker_start, c.speaker_end, c.speaker_ref = (
            q.speaker_text,
            q.speaker_start,
            q.speaker_end,
            q.speaker_ref,
        )
        out.append(c)
    return out
