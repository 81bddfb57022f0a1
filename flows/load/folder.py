"""Which folders a run may write: its own warehouse, or an empty or new folder that becomes one.

A run replaces news.duckdb and writes and deletes files under data/ and staging/. Pointed by mistake at a folder holding other
data (another tool's news.duckdb, someone's Parquet files) it would destroy them, so a warehouse carries a marker
file and a run refuses a non-empty folder without one.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from flows.errors import NightdeskError
from flows.load.lake import atomic_write_bytes
from flows.load.lock import LOCK_NAME
from flows.load.manifest_lake import HISTORY, MANIFEST

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


def check_folder(warehouse: Path) -> None:
    """Raise NotAWarehouse unless `warehouse` is a nightdesk warehouse, an empty folder, or does not exist yet."""
    if warehouse.exists() and not warehouse.is_dir():
        raise NotAWarehouse(f"--warehouse {warehouse} is a file; give the folder that holds (or will hold) news.duckdb")
    if not warehouse.exists() or _made_by_nightdesk(warehouse):
        return
    others = sorted(p.name for p in warehouse.iterdir() if p.name not in HARMLESS)
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise NotAWarehouse(
            f"{warehouse} is not a nightdesk warehouse (it has no {MARKER} file) and is not empty: it holds {shown}. "
            "A run replaces news.duckdb and writes and deletes files in its warehouse, so it will not write here. Give a new or "
            "empty folder, or the folder of an existing warehouse (if this is one whose lake/_manifest.json was "
            "lost, restore that file from a backup)."
        )


def claim(warehouse: Path) -> None:
    """Check the folder, then mark it as a warehouse (once; an older warehouse gets its marker here)."""
    check_folder(warehouse)
    warehouse.mkdir(parents=True, exist_ok=True)
    if not (warehouse / MARKER).is_file():
        doc = {"nightdesk_warehouse": 1, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        atomic_write_bytes(warehouse / MARKER, json.dumps(doc).encode())
