"""The lake of versions before DuckLake, read once to migrate it (flows/load/migrate.py): Parquet files per table
under lake/, and lake/_manifest.json naming the current ones (a copy of each of the last ones under lake/manifests/).
A manifest that is missing, unreadable or names files that are gone stops the migration, naming how to recover.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.load.schemas import TABLES

MANIFEST = "_manifest.json"
FORMAT_VERSION = 1
HISTORY = "manifests"  # the last KEEP_SAVED committed manifests, named by run id
KEEP_SAVED = 10
JOURNAL = "journal"  # one empty file per run that has begun writing and not yet committed
# Files a run writes start with its run id (nightdesk.nightly.new_run_id), also the hidden temporary ones.
RUN_FILE = re.compile(r"^(\d{8}T\d{6}-[0-9a-f]{6})")

Manifest = dict[str, list[str]]


def empty_manifest() -> Manifest:
    return {t: [] for t in TABLES}


class LakeDamaged(NightdeskError, RuntimeError):
    """The lake's manifest is missing, unreadable or names files that are gone: no run may write until it is fixed."""


def read_manifest(lake: Path) -> Manifest:
    """The committed manifest; an empty one only for a lake that holds nothing yet.

    Without a valid manifest a run cannot tell current files from old ones: treating the lake as new would rebuild
    the database from one night and delete every earlier file. So a lake that holds data but no usable manifest
    raises LakeDamaged, naming what is wrong and how to recover.
    """
    path = lake / MANIFEST
    if not path.exists():
        found = _data_found(lake)
        if found:
            raise LakeDamaged(f"{path} is missing, but the warehouse holds {found}. {_advice(lake)}")
        return empty_manifest()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        manifest = _validated(doc)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise LakeDamaged(f"{path} is not a valid lake manifest ({exc}). {_advice(lake)}") from None
    if not manifest["runs"]:
        found = _data_found(lake)
        if found:
            raise LakeDamaged(f"{path} names no run, but the warehouse holds {found}. {_advice(lake)}")
    gone = [f for files in manifest.values() for f in files if not (lake / f).is_file()]
    if gone:
        raise LakeDamaged(
            f"{path} names {len(gone)} Parquet files that are not there (e.g. {gone[0]}): the lake was restored "
            f"only in part. {_advice(lake)}"
        )
    return manifest


def _validated(doc) -> Manifest:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_VERSION or not isinstance(doc.get("tables"), dict):
        raise ValueError(f'expected an object with "format": {FORMAT_VERSION} and "tables"')
    manifest = empty_manifest()
    for table, files in doc["tables"].items():
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError(f"tables.{table} must be a list of file names")
        manifest[table] = list(files)
    return manifest


def _data_found(lake: Path) -> str:
    """What the warehouse holds beside its manifest, in words ("" when nothing)."""
    parts = []
    unfinished = _unfinished_runs(lake)  # a run killed before its first commit left only its own staged files

    def data(path: Path) -> bool:
        return path.suffix == ".parquet" and run_of(path.name) not in unfinished

    files = sum(1 for t in TABLES if (lake / t).is_dir() for p in (lake / t).iterdir() if data(p))
    if files:
        parts.append(f"{files} Parquet files under {lake}")
    saved = saved_manifests(lake)
    if saved:
        parts.append(f"{len(saved)} saved manifests in {lake / HISTORY}")
    if (lake.parent / "news.duckdb").exists():
        parts.append(str(lake.parent / "news.duckdb"))
    return " and ".join(parts)


def saved_manifests(lake: Path) -> list[Path]:
    """Copies of the last committed manifests, oldest first (a run id sorts by time)."""
    folder = lake / HISTORY
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _advice(lake: Path) -> str:
    stop = "The run stopped and changed nothing. To recover, "
    for saved in reversed(saved_manifests(lake)):
        try:
            manifest = _validated(json.loads(saved.read_text(encoding="utf-8")))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            continue
        if manifest["runs"] and all((lake / f).is_file() for files in manifest.values() for f in files):
            return (
                f"{stop}copy the newest intact saved manifest back (cp {saved} {lake / MANIFEST}), or restore "
                f"{lake / MANIFEST} from a backup of the whole warehouse."
            )
    return (
        f"{stop}restore {lake / MANIFEST} (and any missing files) from a backup of the whole warehouse; to start "
        f"afresh instead, move {lake.parent} aside and run again."
    )


def run_of(name: str) -> str | None:
    """The run id a lake file's name starts with (also a hidden temporary's), or None for a file no run wrote."""
    match = RUN_FILE.match(name.lstrip("."))
    return match.group(1) if match else None


def _unfinished_runs(lake: Path) -> set[str]:
    journal = lake / JOURNAL
    return {p.name for p in journal.iterdir() if RUN_FILE.fullmatch(p.name)} if journal.is_dir() else set()
