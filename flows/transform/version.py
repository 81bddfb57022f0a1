"""The pipeline version: derived from everything that decides what rows an article gives, never bumped by hand.

Its parts are the code of every module of transform/ (read as code: a comment, a docstring or a blank line changes
nothing), every rule file in seeds/ and the event scorer's weights, the spaCy model and its version, the entity
labels and languages, the language detector and the copy signature. An article whose rows were made under another version is recomputed on the next
run, and the run summary names the parts that changed ("code transform/events/filters.py").
"""

from __future__ import annotations

import ast
import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nightdesk.settings import PACKAGE_DIR, Settings
from nightdesk.transform import copies
from nightdesk.transform.language import detector_version

CODE = PACKAGE_DIR / "transform"  # every module that shapes an article's rows (this one aside)


def code_parts(root: Path | None = None) -> dict[str, str]:
    """`code <module>` → a hash of the module's code without its comments, docstrings and layout, for every module
    under `root` (transform/)."""
    root = root or CODE
    parts = {}
    for path in sorted(root.rglob("*.py")):
        if path.name == "version.py":
            continue
        stat = path.stat()
        name = f"code {root.name}/{path.relative_to(root).as_posix()}"
        parts[name] = _code_hash(str(path), stat.st_mtime_ns, stat.st_size)
    return parts


_PARSING = threading.Lock()


@lru_cache(maxsize=1024)
def _code_hash(path: str, _mtime_ns: int, _size: int) -> str:
    """One module's hash, once per process and version of the file. Parsed under a lock, and again on a spurious
    SystemError: CPython 3.11 can fail "AST constructor recursion depth mismatch" when two threads build ASTs at once
    (gh-106905; a night runs in Prefect's threads, and it failed a test of a two-worker night)."""
    text = Path(path).read_text(encoding="utf-8")
    with _PARSING:
        for attempt in range(3):
            try:
                tree = ast.parse(text)
                break
            except SystemError:
                if attempt == 2:
                    raise
    for node in ast.walk(tree):
        if _docstring(getattr(node, "body", None)):
            node.body = node.body[1:] or [ast.Pass()]  # a docstring says why, it shapes no row
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()[:12]


def _docstring(body) -> bool:
    first = body[0] if isinstance(body, list) and body else None
    return isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)


def _model_version(name: str) -> str:
    from spacy.util import get_package_version

    return get_package_version(name) or "not a package"


def pipeline_parts(settings: Settings) -> dict[str, str]:
    parts = {
        **code_parts(),
        "model": f"{settings.spacy_model} {_model_version(settings.spacy_model)}",
        "entity labels": ",".join(sorted(settings.entity_labels)),
        "languages": ",".join(sorted(settings.languages)),
        "language detector": detector_version(),
        "copy signature": copies.signature_version(),
    }
    seeds = Path(settings.seeds_dir)
    for path in sorted([*seeds.glob("*.csv"), *seeds.glob("*.json")]):  # rule files, the event scorer's weights
        parts[f"seeds/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return parts


def version_of(parts: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


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
