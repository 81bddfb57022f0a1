"""The pipeline version: derived from everything that decides what rows an article gives, never bumped by hand.

Its parts are the rules written in code (CODE_VERSION), every rule file in seeds/, the spaCy model and its version,
and the entity labels kept. An article whose rows were made under another version is recomputed on the next run,
and the run summary names the parts that changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from nightdesk.settings import Settings
from nightdesk.transform import copies
from nightdesk.transform.language import detector_version

# Bump when a rule written in Python changes what rows come out; the rule files and the model are hashed.
CODE_VERSION = "25"  # 25: ids from content (issue 31), articles.id_from


def _model_version(name: str) -> str:
    from spacy.util import get_package_version

    return get_package_version(name) or "not a package"


def pipeline_parts(settings: Settings) -> dict[str, str]:
    parts = {
        "code": CODE_VERSION,
        "model": f"{settings.spacy_model} {_model_version(settings.spacy_model)}",
        "entity labels": ",".join(sorted(settings.entity_labels)),
        "languages": ",".join(sorted(settings.languages)),
        "language detector": detector_version(),
        "copy signature": copies.signature_version(),
    }
    for path in sorted(Path(settings.seeds_dir).glob("*.csv")):
        parts[f"seeds/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return parts


def version_of(parts: dict[str, str]) -> str:
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]
    return f"{parts['code']}-{digest}"


@dataclass(frozen=True)
class PipelineVersion:
    """The version a run computes rows under, and what it is made of (JSON, as stored in runs.pipeline_parts)."""

    version: str
    parts: str


def current(settings: Settings) -> PipelineVersion:
    """The version of the pipeline these settings build; read at the start of a run and passed down."""
    parts = pipeline_parts(settings)
    return PipelineVersion(version_of(parts), json.dumps(parts, sort_keys=True))


def what_changed(before: str | None, after: str) -> list[str]:
    """The parts (JSON as stored in runs.pipeline_parts) that differ; ['earlier version'] when the old ones are unknown."""
    if not before:
        return ["the pipeline version (its parts were not recorded)"]
    old, new = json.loads(before), json.loads(after)
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
