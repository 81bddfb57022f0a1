"""The rule files in seeds/*.csv: read once, every row checked, a mistake named as `file:line: what is wrong`.

Each file's columns and what a row may hold are declared below (RULES). `load(folder)` reads and checks every file
at once into a RuleSet, which the spaCy components (through their config), the registry and the run are given;
the modules that apply rules ask it for checked rows instead of opening files. A run loads it before any work, so a
broken row fails the run instead of failing every article in the parse. A RuleSet is cached until a file changes
(a long-lived `nightdesk serve` picks up an edit at its next run).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.settings import DEFAULT_ENTITY_LABELS, SEEDS_DIR

Check = Callable[[dict[str, str], dict], str | None]  # a row, the tables read so far → what is wrong, or None


class RuleFileError(NightdeskError, ValueError):
    pass


@dataclass(frozen=True)
class RuleFile:
    columns: tuple[str, ...]  # required columns (others are allowed, e.g. notes)
    key: tuple[str, ...]  # no two rows may share these (compared lower-cased)
    checks: tuple[Check, ...] = ()


def _required(*columns: str) -> Check:
    def check(row, _tables):
        empty = [c for c in columns if not row.get(c, "").strip()]
        return f"empty {', '.join(empty)}" if empty else None

    return check


def _one_of(column: str, allowed: Callable[[dict], set[str]], what: str) -> Check:
    """`allowed` gets the tables read so far (plover_types.csv comes first, for the files that name a PLOVER type)."""

    def check(row, tables):
        value = row.get(column, "").strip()
        if value in allowed(tables):
            return None
        return f"{column} {value!r} is not {what} (one of {', '.join(sorted(allowed(tables)))})"

    return check


FRAMES = {"clause", "clause_or_to", "object", "quote_only"}
TITLE_KINDS = {"title", "honorific"}
TITLE_GENDERS = {"", "male", "female"}  # titles.csv `gender`: the person a title names ("Mrs", "Congressman")
TRIGGER_POS = {"VERB", "NOUN"}
# What a word of seeds/event_words.csv does to the event rules (flows/transform/events.py reads each role).
EVENT_WORD_ROLES = {
    "governs", "intent", "request", "failure", "actor_verb", "target_verb", "event_head", "casualty", "future",
    "human", "aid", "speech_agent", "idea", "thing", "other_verb", "naming", "era", "undergone", "sport",
}  # fmt: skip
REQUIRE_CLASSES = {
    "@object",
    "@xcomp",
    "@clause",
    "@human",
    "@not_thing",
    "@actor",
    "@place",
    "@aid",
    "@agent",
    "@together",
}


def _requires(row, _tables):
    """event_triggers.csv `requires` (optional column): lemmas, prep:<word> or one of REQUIRE_CLASSES."""
    bad = [
        w.strip()
        for w in row.get("requires", "").split(";")
        if w.strip().startswith("@") and w.strip() not in REQUIRE_CLASSES
    ]
    return f"requires {', '.join(bad)}: not one of {', '.join(sorted(REQUIRE_CLASSES))}" if bad else None


ENTITY_TYPES = set(DEFAULT_ENTITY_LABELS.split(","))


def _plover_types(tables: dict[str, tuple[dict[str, str], ...]]) -> set[str]:
    return {r["event_type"].strip() for r in tables.get("plover_types", ())}


RULES: dict[str, RuleFile] = {
    "plover_types": RuleFile(("event_type", "description"), ("event_type",), (_required("event_type"),)),
    "cue_verbs": RuleFile(
        ("lemma", "frame"), ("lemma",), (_required("lemma"), _one_of("frame", lambda _t: FRAMES, "a cue frame"))
    ),
    "titles": RuleFile(
        ("title", "kind"),
        ("title",),
        (
            _required("title"),
            _one_of("kind", lambda _t: TITLE_KINDS, "a title kind"),
            _one_of("gender", lambda _t: TITLE_GENDERS, "male, female or empty (optional column)"),
        ),
    ),
    "aliases": RuleFile(
        ("alias", "canonical", "type"),
        ("alias",),
        (_required("alias", "canonical"), _one_of("type", lambda _t: ENTITY_TYPES, "an entity type")),
    ),
    # Political parties by country: each written form (name, plural, adjective, abbreviation) → the party, so that
    # "Republicans", "Republican" and "GOP" are one entity and per-party counts one row (issue 34).
    "parties": RuleFile(("form", "party", "country"), ("form",), (_required("form", "party", "country"),)),
    "demonyms": RuleFile(("demonym", "country"), ("demonym",), (_required("demonym", "country"),)),
    "generic_names": RuleFile(("name",), ("name",), (_required("name"),)),
    "event_triggers": RuleFile(
        ("lemma", "pos", "event_type", "mode", "context"),
        ("lemma", "pos", "event_type", "context"),
        (
            _required("lemma"),
            _one_of("pos", lambda _t: TRIGGER_POS, "a trigger part of speech"),
            _one_of("event_type", _plover_types, "a PLOVER type"),
            _requires,
        ),
    ),
    "event_words": RuleFile(
        ("lemma", "role"),
        ("lemma", "role"),
        (_required("lemma"), _one_of("role", lambda _t: EVENT_WORD_ROLES, "an event word role")),
    ),
    "event_modes": RuleFile(
        ("event_type", "mode", "keyword"),
        ("event_type", "keyword"),
        (_required("mode", "keyword"), _one_of("event_type", _plover_types, "a PLOVER type")),
    ),
}


def shown(path: Path) -> str:
    """A rule file as a person finds it: relative to the working folder when inside it ("seeds/cue_verbs.csv")."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        found = [dict(r, _line=str(reader.line_num)) for r in reader]
        header = reader.fieldnames or []
    missing = [c for c in RULES[name].columns if c not in header]
    if missing:
        raise RuleFileError(
            f"{shown(folder / f'{name}.csv')}:1: missing column {', '.join(missing)} (the header must name {', '.join(RULES[name].columns)})"
        )
    return [{k: (v or "") for k, v in r.items() if k is not None} for r in found]


def _checked(folder: Path, name: str, tables: dict) -> tuple[dict[str, str], ...]:
    spec = RULES[name]
    seen: dict[tuple[str, ...], str] = {}
    checked = []
    for row in _read(folder, name):
        where = f"{shown(folder / f'{name}.csv')}:{row['_line']}"
        for check in spec.checks:
            problem = check(row, tables)
            if problem:
                raise RuleFileError(f"{where}: {problem}")
        key = tuple(row.get(c, "").strip().lower() for c in spec.key)
        if key in seen:
            raise RuleFileError(
                f"{where}: the same {', '.join(spec.key)} as line {seen[key]} ({', '.join(filter(None, key))})"
            )
        seen[key] = row["_line"]
        checked.append(row)
    return tuple(checked)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: modules cache what they derive per RuleSet
class RuleSet:
    """Every rule file of one folder, checked."""

    folder: Path
    tables: dict[str, tuple[dict[str, str], ...]]

    def rows(self, name: str) -> tuple[dict[str, str], ...]:
        """The checked rows of <folder>/<name>.csv (each with `_line`, its line in the file)."""
        return self.tables[name]

    def plover_types(self) -> set[str]:
        """The 16 PLOVER event types (the one list: components, data checks and tests read it)."""
        return _plover_types(self.tables)


def fingerprint(folder: Path) -> tuple:
    """Changes whenever a rule file in `folder` is edited, added or removed."""
    stats = ((p.name, p.stat()) for p in sorted(folder.glob("*.csv")))
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)


def load(folder: Path) -> RuleSet:
    """Read and check every rule file in `folder`; raises RuleFileError naming the first wrong row."""
    folder = Path(folder)
    missing = [f"{name}.csv" for name in RULES if not (folder / f"{name}.csv").is_file()]
    if missing:
        raise RuleFileError(
            f"{shown(folder.resolve())}: no rule file {', '.join(missing)} there; point NIGHTDESK_SEEDS_DIR at a folder "
            "holding every rule file (a copy of the repository's seeds/)"
        )
    return _load(folder.resolve(), fingerprint(folder))


def for_folder(folder: str | Path | None) -> RuleSet:
    """The rules of a component's `seeds_dir` config value (None: the packaged seeds/)."""
    return load(Path(folder) if folder else SEEDS_DIR)


@lru_cache(maxsize=4)
def _load(folder: Path, _fingerprint: tuple) -> RuleSet:
    unknown = sorted(p.stem for p in folder.glob("*.csv") if p.stem not in RULES)
    if unknown:
        raise RuleFileError(
            f"{shown(folder / f'{unknown[0]}.csv')}: not a rule file nightdesk knows ({', '.join(sorted(RULES))})"
        )
    tables: dict[str, tuple[dict[str, str], ...]] = {}
    for name in RULES:  # plover_types first: other files are checked against it
        tables[name] = _checked(folder, name, tables)
    return RuleSet(folder, tables)
