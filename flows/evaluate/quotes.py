"""Quote extraction scores on PolNeAR-style gold (../shared/eval/README.md).

Content matches when the Dice coefficient of the two token multisets is at least the threshold (0.3; 0.8 for the
strict figure), one-to-one, best pairs first. Recall counts speech-cue gold relations; a system quote that
matches any other gold relation (beliefs, polls) is not counted wrong. Speaker accuracy, over matched quotes whose
gold source is a name: the system's speaker (surface text or canonical entity name) shares a content word with it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nightdesk.evaluate.common import greedy_match, prf

# Communication verbs (by lemma) that make a gold relation a speech relation; fixed here, apart from the
# extractor's own cue list (seeds/cue_verbs.csv), so the subset judged does not follow the extractor.
SPEECH_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "note",
        "claim",
        "announce",
        "ask",
        "warn",
        "argue",
        "insist",
        "deny",
        "declare",
        "explain",
        "state",
        "tweet",
        "respond",
        "reply",
        "acknowledge",
        "suggest",
        "recall",
        "confirm",
        "admit",
        "comment",
        "mention",
        "urge",
        "promise",
        "pledge",
        "vow",
        "predict",
        "testify",
        "complain",
        "speak",
        "talk",
        "quote",
        "assert",
        "contend",
        "maintain",
        "stress",
        "emphasize",
        "reveal",
        "disclose",
        "concede",
        "boast",
        "joke",
        "remark",
        "observe",
        "propose",
        "recommend",
        "repeat",
        "retort",
        "proclaim",
        "describe",
        "accuse",
        "criticize",
        "praise",
    ]
)
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "i",
        "we",
        "you",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "their",
        "its",
        "who",
        "this",
        "that",
        "these",
        "those",
        "one",
    ]
)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "mr",
        "mrs",
        "ms",
        "dr",
        "s",
        "said",
        "says",
        "told",
        "spokesman",
        "spokeswoman",
        "official",
        "officials",
        "president",
        "minister",
        "secretary",
        "senator",
        "sen",
        "rep",
        "gov",
    ]
)
_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _WORD.findall(text or ""))


def dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def is_speech(cue: str | None, lemmatize) -> bool:
    low = (cue or "").lower()
    return "according to" in low or bool(set(lemmatize(low)) & SPEECH_LEMMAS)


def content_words(text: str | None) -> set[str]:
    return {w for w in tokens(text) if w not in STOPWORDS and w not in PRONOUNS and not w.isdigit()}


def is_name(source: str | None) -> bool:
    words = [w for w in tokens(source) if w not in STOPWORDS]
    return bool(words) and not all(w in PRONOUNS for w in words)


@dataclass
class QuoteScores:
    system: int
    gold_speech: int
    matched_system: int
    matched_gold: int
    precision: float
    recall: float
    f1: float
    speaker_checked: int
    speaker_right: int
    examples: list[str]

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0


def _match(system: list[dict], gold: list[dict], threshold: float) -> list[tuple[int, int]]:
    return greedy_match(system, gold, lambda s, g: dice(s["_tokens"], g["_tokens"]), threshold)


def score(
    system_by_doc: dict[str, list[dict]], gold_by_doc: dict[str, list[dict]], lemmatize, threshold: float
) -> QuoteScores:
    """system quotes: dicts with content, speaker_text, speaker_name; gold: PolNeAR relations."""
    n_sys = n_gold = m_sys = m_gold = checked = right = 0
    examples: list[str] = []
    for doc_id, gold in gold_by_doc.items():
        system = [dict(q, _tokens=tokens(q["content"])) for q in system_by_doc.get(doc_id, [])]
        gold = [dict(g, _tokens=tokens(g["content"])) for g in gold]
        flags = [is_speech(g.get("cue"), lemmatize) for g in gold]
        speech = [g for g, f in zip(gold, flags, strict=True) if f]
        other = [g for g, f in zip(gold, flags, strict=True) if not f]
        n_sys += len(system)
        n_gold += len(speech)
        matched = _match(system, speech, threshold)
        m_gold += len(matched)
        taken = {i for i, _ in matched}
        rest = [s for i, s in enumerate(system) if i not in taken]
        m_sys += len(matched) + len(_match(rest, other, threshold))
        for i, j in matched:
            g, s = speech[j], system[i]
            if not is_name(g.get("source")):
                continue
            checked += 1
            said = content_words(s.get("speaker_text")) | content_words(s.get("speaker_name"))
            if said & content_words(g.get("source")):
                right += 1
            elif len(examples) < 30:
                examples.append(
                    f"speaker {s.get('speaker_text')!r}/{s.get('speaker_name')!r} vs gold {g.get('source')!r}: {g['content'][:70]!r}"
                )
    p, r, f = prf(m_sys, n_sys, m_gold, n_gold)
    return QuoteScores(n_sys, n_gold, m_sys, m_gold, p, r, f, checked, right, examples)


@dataclass
class QuoteReport:
    loose: QuoteScores  # Dice 0.3
    strict: QuoteScores  # Dice 0.8


def evaluate(folder, warehouse=None) -> QuoteReport:
    """Run the real pipeline on a PolNeAR-style folder and score it (the CLI only prints what this returns)."""
    import functools

    from nightdesk.evaluate.common import load_corpus, run_pipeline, system_rows
    from nightdesk.settings import Settings
    from nightdesk.transform.nlp import load_nlp

    records, gold = load_corpus(folder)
    system = system_rows(run_pipeline(folder, warehouse), "quotes")
    gold = {r["id"]: gold.get(r["id"], []) for r in records}
    nlp = load_nlp(Settings.load())  # the model the run used
    not_needed = [p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")]

    @functools.cache  # both thresholds judge the same cues
    def lemmatize(text: str) -> tuple[str, ...]:
        return tuple(t.lemma_.lower() for t in nlp(text, disable=not_needed))

    return QuoteReport(score(system, gold, lemmatize, 0.3), score(system, gold, lemmatize, 0.8))
