"""A linear model as plain weights (a dot product and a logistic function): what the learned scorers ship as, so the
night needs no learning library (events/scorer.py, entities/short_names.py; trained by flows/evaluate/train_*.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Linear:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @classmethod
    def of(cls, data: dict) -> Linear:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        model = cls(weights, float(data["intercept"]), float(data["threshold"]))
        if not all(math.isfinite(v) for v in [*weights.values(), model.intercept, model.threshold]):
            raise ValueError("a weight that is not a finite number")
        return model
