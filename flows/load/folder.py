"""Which folders nightdesk may write: the one guard every command that writes goes through.

A run replaces news.duckdb and writes and deletes files under data/ and staging/; a correction replaces news.duckdb;
an export replaces whole folders. Pointed by mistake at a folder holding other data (another tool's news.duckdb,
someone's Parquet files) they would destroy it, so a warehouse carries a marker file: a run refuses a non-empty folder
without one, and a correction any folder without one. Each night also deletes the files under its data folder that
its lake does not name, so nothing nightdesk writes (an export, another warehouse) may live inside a warehouse.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.load.lake import atomic_write_bytes
from nightdesk.load.lock import LOCK_NAME
from nightdesk.load.manifest_lake import HISTORY, MANIFEST

MARKER = ".nightdesk-warehouse"
# Files that leave a folder "empty" for this purpose: the run lock, and what version control and file browsers put
# into folders (the repository's own warehouse/ holds a .gitkeep).
HARMLESS = {LOCK_NAME, ".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db", "desktop.ini"}


class NotAWarehouse(NightdeskError, RuntimeError):
    pass


def _made_by_nightdesk(warehouse: Path) -> bool:
    # Warehouses written before the marker existed have a lake manifest or saved manifests.
    lake = warehouse / "lake"
    return (warehouse / MARKER).is_file() or (lake / MANIFEST).is_file() or (lake / HISTORY).is_dir()


def enclosing_warehouse(path: Path) -> Path | None:
    """The nightdesk warehouse that `path` lies inside (itself excluded), or None."""
    resolved = path.resolve()
    return next((parent for parent in resolved.parents if _made_by_nightdesk(parent)), None)


def check_outside(path: Path, what: str, data_paths: tuple[str, ...] = ()) -> None:
    """Raise NotAWarehouse when `path` (an export's folder, a new warehouse) lies inside a nightdesk warehouse or one of
    `data_paths` (a lake's data folder elsewhere): every night deletes the files there that its lake does not name."""
    resolved = path.resolve()
    home = enclosing_warehouse(resolved)
    inside = [Path(d).resolve() for d in data_paths if not d.startswith("s3://")]
    inside = [d for d in inside if resolved == d or resolved.is_relative_to(d)]
    if home is not None or inside:
        where = f"inside the warehouse {home}" if home is not None else f"inside the lake's data folder {inside[0]}"
        raise NotAWarehouse(
            f"{what} {path} is {where}: each night deletes the files there that its lake does not name, so nightdesk "
            "writes nothing of its own there. Give a folder outside it"
        )


def require_warehouse(warehouse: Path) -> None:
    """Raise NotAWarehouse unless `warehouse` is a warehouse a run made: for commands that change one but never make
    one (entities merge, split, rename), which must not replace another tool's news.duckdb."""
    if not warehouse.is_dir() or not _made_by_nightdesk(warehouse):
        what = (
            "does not exist"
            if not warehouse.exists()
            else "is not a nightdesk warehouse (it has no " + MARKER + " file)"
        )
        raise NotAWarehouse(
            f"{warehouse} {what}; this command changes a warehouse that `nightdesk run` made and never makes one. "
            "Pass the right --warehouse"
        )


def check_folder(warehouse: Path) -> None:
    """Raise NotAWarehouse unless `warehouse` is a nightdesk warehouse, an empty folder, or does not exist yet, and
    lies inside no other warehouse."""
    if warehouse.exists() and not warehouse.is_dir():
        raise NotAWarehouse(f"--warehouse {warehouse} is a file; give the folder that holds (or will hold) news.duckdb")
    check_outside(warehouse, "--warehouse")
    if not warehouse.exists() or _made_by_nightdesk(warehouse):
        return
    others = sorted(p.name for p in warehouse.iterdir() if p.name not in HARMLESS)
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise NotAWarehouse(
            f"{warehouse} is not a nightdesk warehouse (it has no {MARKER} file) and is not empty: it holds {shown}. "
            "A run replaces news.duckdb and writes and deletes files in its warehouse, so it will not write here. Give a new or "
            f"empty folder, or the folder of an existing warehouse (if this is one whose {MARKER} file was lost, "
            "restore it from a backup, or create it: its catalog.sqlite and data/ say it is one)."
        )


def claim(warehouse: Path) -> None:
    """Check the folder, then mark it as a warehouse (once; an older warehouse gets its marker here)."""
    check_folder(warehouse)
    warehouse.mkdir(parents=True, exist_ok=True)
    if not (warehouse / MARKER).is_file():
        doc = {"nightdesk_warehouse": 1, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        atomic_write_bytes(warehouse / MARKER, json.dumps(doc).encode())
