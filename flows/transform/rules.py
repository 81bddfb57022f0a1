"""The rule files in seeds/*.csv: read once, every row checked, a mistake named as `file:line: what is wrong`.

Each file's columns and what a row may hold are declared below (RULES); the modules that apply the rules ask
`rows(name)` for checked rows instead of opening the files themselves. `check_all()` runs at the start of a run, so
a broken row fails the run before any work instead of failing every article in the parse.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows import settings
from flows.errors import NightdeskError

Check = Callable[[dict[str, str]], str | None]  # a row → what is wrong with it, or None


class RuleFileError(NightdeskError, ValueError):
    pass


@dataclass(frozen=True)
class RuleFile:
    columns: tuple[str, ...]  # required columns (others are allowed, e.g. notes)
    key: tuple[str, ...]  # no two rows may share these (compared lower-cased)
    checks: tuple[Check, ...] = ()


def _required(*columns: str) -> Check:
    def check(row):
        empty = [c for c in columns if not row.get(c, "").strip()]
        return f"empty {', '.join(empty)}" if empty else None

    return check


def _one_of(column: str, allowed: Callable[[], set[str]], what: str) -> Check:
    def check(row):
        value = row.get(column, "").strip()
        if value in allowed():
            return None
        return f"{column} {value!r} is not {what} (one of {', '.join(sorted(allowed()))})"

    return check


FRAMES = {"clause", "clause_or_to", "object", "quote_only"}
TITLE_KINDS = {"title", "honorific"}
TRIGGER_POS = {"VERB", "NOUN"}
ENTITY_TYPES = set(settings.DEFAULT_ENTITY_LABELS.split(","))


def plover_types() -> set[str]:
    """The 16 PLOVER event types, from seeds/plover_types.csv (the one list: components, checks and tests read it)."""
    return {r["event_type"].strip() for r in rows("plover_types")}


RULES: dict[str, RuleFile] = {
    "plover_types": RuleFile(("event_type", "description"), ("event_type",), (_required("event_type"),)),
    "cue_verbs": RuleFile(("lemma", "frame"), ("lemma",), (_required("lemma"), _one_of("frame", lambda: FRAMES, "a cue frame"))),
    "titles": RuleFile(("title", "kind"), ("title",), (_required("title"), _one_of("kind", lambda: TITLE_KINDS, "a title kind"))),
    "aliases": RuleFile(
        ("alias", "canonical", "type"), ("alias",),
        (_required("alias", "canonical"), _one_of("type", lambda: ENTITY_TYPES, "an entity type")),
    ),
    "demonyms": RuleFile(("demonym", "country"), ("demonym",), (_required("demonym", "country"),)),
    "generic_names": RuleFile(("name",), ("name",), (_required("name"),)),
    "event_triggers": RuleFile(
        ("lemma", "pos", "event_type", "mode", "context"), ("lemma", "pos", "event_type", "context"),
        (_required("lemma"), _one_of("pos", lambda: TRIGGER_POS, "a trigger part of speech"),
         _one_of("event_type", plover_types, "a PLOVER type")),
    ),
    "event_modes": RuleFile(
        ("event_type", "mode", "keyword"), ("event_type", "keyword"),
        (_required("mode", "keyword"), _one_of("event_type", plover_types, "a PLOVER type")),
    ),
}


def _path(name: str) -> Path:
    return settings.SEEDS_DIR / f"{name}.csv"


def _read(name: str) -> list[dict[str, str]]:
    with open(_path(name), encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        found = [dict(r, _line=str(reader.line_num)) for r in reader]
        header = reader.fieldnames or []
    missing = [c for c in RULES[name].columns if c not in header]
    if missing:
        raise RuleFileError(f"seeds/{name}.csv:1: missing column {', '.join(missing)} (the header must name {', '.join(RULES[name].columns)})")
    return [{k: (v or "") for k, v in r.items() if k is not None} for r in found]


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The checked rows of seeds/<name>.csv (each with `_line`, its line in the file)."""
    spec = RULES[name]
    seen: dict[tuple[str, ...], str] = {}
    checked = []
    for row in _read(name):
        where = f"seeds/{name}.csv:{row['_line']}"
        for check in spec.checks:
            problem = check(row)
            if problem:
                raise RuleFileError(f"{where}: {problem}")
        key = tuple(row.get(c, "").strip().lower() for c in spec.key)
        if key in seen:
            raise RuleFileError(f"{where}: the same {', '.join(spec.key)} as line {seen[key]} ({', '.join(filter(None, key))})")
        seen[key] = row["_line"]
        checked.append(row)
    return tuple(checked)


def check_all() -> None:
    """Read and check every rule file; raises RuleFileError naming the first wrong row."""
    unknown = sorted(p.stem for p in settings.SEEDS_DIR.glob("*.csv") if p.stem not in RULES)
    if unknown:
        raise RuleFileError(f"seeds/{unknown[0]}.csv: not a rule file nightdesk knows ({', '.join(sorted(RULES))})")
    for name in RULES:
        rows(name)
