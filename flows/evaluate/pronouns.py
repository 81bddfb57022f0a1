"""Pronoun speakers against a hand-resolved gold set (tests/data/pronoun_gold/README.md).

Each gold line names a PolNeAR speech relation whose source is "he" or "she" (by the start of its content) and
the person a reader resolves the pronoun to. A system quote is paired with the PolNeAR relations of its article
exactly as `nightdesk eval quotes` pairs them (Dice 0.3, one-to-one, best first); the speaker is right when the
system's speaker entity is that person under one of the names the gold line lists.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from nightdesk.evaluate.common import greedy_match
from nightdesk.evaluate.quotes import dice, is_speech, tokens
from nightdesk.transform.text.names import strip_possessive

GOLD_COLUMNS = ("source_id", "content_start", "pronoun", "cue", "speaker")
_TITLE = re.compile(r"^(?:(?:mr|mrs|ms|dr|gen|gov|sen|rep|president)\.?\s+)+", re.IGNORECASE)


class GoldError(ValueError):
    """The gold file cannot be read against the corpus; the message says which line and why."""


@dataclass(frozen=True)
class PronounGold:
    source_id: str
    content_start: int
    pronoun: str
    speaker_names: tuple[str, ...]


@dataclass
class PronounScores:
    gold: int
    found: int
    right: int
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Right speakers among the gold quotes the system found (the quote-level figure)."""
        return self.right / self.found if self.found else 0.0

    @property
    def accuracy_all(self) -> float:
        """Right speakers among all gold quotes, a quote not found counting as wrong."""
        return self.right / self.gold if self.gold else 0.0


def normal_name(name: str | None) -> str:
    # Titles are the evaluator's own list, apart from the extractor's seeds/titles.csv (as quotes.py keeps its cues).
    return _TITLE.sub("", strip_possessive(" ".join((name or "").split()))).lower()


def read_gold(path: Path) -> list[PronounGold]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != GOLD_COLUMNS:
            raise GoldError(f"{path}: the header must be {' / '.join(GOLD_COLUMNS)}, not {reader.fieldnames}")
        rows = []
        for line, row in enumerate(reader, start=2):
            try:
                start = int(row["content_start"])
            except (TypeError, ValueError):
                raise GoldError(f"{path}:{line}: content_start {row['content_start']!r} is not a number") from None
            names = tuple(n.strip() for n in (row["speaker"] or "").split("|") if n.strip())
            if not names:
                raise GoldError(f"{path}:{line}: no speaker")
            rows.append(PronounGold(row["source_id"], start, row["pronoun"].lower(), names))
    return rows


def score(
    system_by_doc: dict[str, list[dict]], relations_by_doc: dict[str, list[dict]], gold: list[PronounGold], lemmatize
) -> PronounScores:
    """system quotes: dicts with content and speaker_name; relations: the PolNeAR gold of each article."""
    scores = PronounScores(gold=len(gold), found=0, right=0)
    for doc_id in sorted({g.source_id for g in gold}):
        relations = relations_by_doc.get(doc_id)
        if relations is None:
            raise GoldError(f"{doc_id}: not in the corpus's gold.json")
        speech = [r for r in relations if is_speech(r.get("cue"), lemmatize)]
        system = system_by_doc.get(doc_id, [])
        pairs = greedy_match([tokens(s["content"]) for s in system], [tokens(r["content"]) for r in speech], dice, 0.3)
        system_of = {j: system[i] for i, j in pairs}
        index_of = {r["content_spans"][0][0]: j for j, r in enumerate(speech)}
        for g in (g for g in gold if g.source_id == doc_id):
            if g.content_start not in index_of:
                raise GoldError(f"{doc_id}: no speech relation of the gold starts at {g.content_start}")
            quote = system_of.get(index_of[g.content_start])
            relation = speech[index_of[g.content_start]]
            if quote is None:
                scores.errors.append(f"not found: {doc_id} @{g.content_start} {relation['content'][:60]!r}")
                continue
            scores.found += 1
            if normal_name(quote.get("speaker_name")) in {normal_name(n) for n in g.speaker_names}:
                scores.right += 1
            else:
                scores.errors.append(
                    f"speaker {quote.get('speaker_name')!r} (text {quote.get('speaker_text')!r}), gold "
                    f"{g.speaker_names[0]!r}: {doc_id} @{g.content_start} {relation['content'][:60]!r}"
                )
    return scores


def evaluate(folder: Path, gold_file: Path, warehouse: Path | None = None, system=None) -> PronounScores:
    """Run the pipeline on the PolNeAR-style folder (or take `system`, rows of sql/eval/quotes.sql) and score."""
    import functools

    from nightdesk.evaluate.common import load_corpus, run_pipeline, system_rows
    from nightdesk.settings import Settings
    from nightdesk.transform.nlp import load_nlp

    gold = read_gold(gold_file)
    _records, relations = load_corpus(folder)
    if system is None:
        system = system_rows(run_pipeline(folder, warehouse), "quotes")
    nlp = load_nlp(Settings.load())
    not_needed = [p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")]

    @functools.cache
    def lemmatize(text: str) -> tuple[str, ...]:
        return tuple(t.lemma_.lower() for t in nlp(text, disable=not_needed))

    return score(system, relations, gold, lemmatize)
