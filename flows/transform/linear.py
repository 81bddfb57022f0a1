"""A linear model as plain weights (a dot product and a logistic function): what the learned scorers ship as, so the
night needs no learning library (events/scorer.py, entities/short_names.py; trained by flows/evaluate/train_*.py)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


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


def read_weights(
    folder: str | Path, file: str, what: str, target: str, error: type[Exception], build: Callable[[dict], T]
) -> T:
    """`build` of the JSON weights `file` of a seeds folder (read again only when the file changes); `error` in one
    line naming the file when it is missing or unreadable (`what` it holds, the make `target` that writes it)."""
    path = Path(folder).resolve() / file
    try:
        stat = path.stat()
    except OSError:
        raise error(
            f"{path}: no {what} there (every seeds folder needs the {file} of the repository's seeds/; "
            f"`make {target}` writes it anew)"
        ) from None
    return _read(path, stat.st_mtime_ns, stat.st_size, what, target, error, build)


@lru_cache(maxsize=8)
def _read(path: Path, _mtime: int, _size: int, what: str, target: str, error, build):
    try:
        return build(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise error(
            f"{path}: not a readable {what} ({type(exc).__name__}: {exc}); restore it from the repository "
            f"or write it anew with `make {target}`"
        ) from None
