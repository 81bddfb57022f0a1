"""The event scorer: linear models over evidence.py's features give each proposed event its confidence in [0, 1]
(is it a real happening of its type) and the chance that it is current (so a past act the text does not date gets
no day rather than the publication day).

The weights are seeds/event_scorer.json, written by `make scorer` (flows/evaluate/train_scorer.py) from events
people read (tests/data/labels/); the file records the fingerprint of the labels and features it was trained on.
Scoring is a dot product and a logistic function: no learning library at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.transform.linear import Linear, read_weights

FILE = "event_scorer.json"


class ScorerFileError(NightdeskError, ValueError):
    pass


@dataclass(frozen=True)
class Scorer:
    real: Linear  # a real happening of its type (the threshold: what the analyst views count by default)
    current: Linear  # the act is the news of the day (its threshold: below it, a publication date is no date)
    fingerprint: str

    @property
    def threshold(self) -> float:
        return self.real.threshold

    def confidence(self, features: dict[str, float]) -> float:
        return self.real.probability(features)

    def is_current(self, features: dict[str, float]) -> bool:
        return self.current.probability(features) >= self.current.threshold


def load(folder: str | Path) -> Scorer:
    """The scorer of a seeds folder; ScorerFileError in one line naming the file when it is missing or unreadable."""
    return read_weights(folder, FILE, "event scorer", "scorer", ScorerFileError, _scorer)


def _scorer(data: dict) -> Scorer:
    return Scorer(Linear.of(data["real"]), Linear.of(data["current"]), str(data["fingerprint"]))
