"""Is the lake whole before a run writes to it? A lost, emptied or unreadable catalog, or data files the catalog names
that are gone, stop the run before any work: treating such a lake as new would publish an empty warehouse with exit 0.

After every commit the SQLite catalog is copied, gzipped, to catalog-backups/<run_id>.sqlite.gz (the last
KEEP_BACKUPS), so the stop message can name a copy to put back.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import duckdb

from flows.errors import NightdeskError
from flows.load import catalog
from flows.load.analyst import DB_NAME
from flows.load.manifest_lake import MANIFEST
from flows.load.schemas import LAKE_TABLES, sql_text

BACKUPS = "catalog-backups"
KEEP_BACKUPS = 10


class LakeDamaged(NightdeskError, RuntimeError):
    """The lake's catalog is missing, unreadable or names files that are gone: no run may write until it is fixed."""


def _has_ducklake_tables(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return bool(con.execute(sql_text("lake", "sqlite_has_catalog.sql")).fetchone()[0])
    finally:
        con.close()


def _backup_is_whole(saved: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "catalog.sqlite"
        with gzip.open(saved) as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return _has_ducklake_tables(plain)


def _held(warehouse: Path, loc: catalog.Location) -> str:
    """What the warehouse holds besides its catalog, in words ("" when nothing)."""
    parts = []
    data = Path(loc.data_path) if not loc.data_path.startswith("s3://") else None
    files = sum(1 for _ in data.rglob("*.parquet")) if data and data.is_dir() else 0
    if files:
        parts.append(f"{files} Parquet files under {data}")
    if (warehouse / DB_NAME).exists():
        parts.append(str(warehouse / DB_NAME))
    return " and ".join(parts)


def needs_migration(warehouse: Path) -> bool:
    return (warehouse / "lake" / MANIFEST).exists()


def backups(warehouse: Path) -> list[Path]:
    folder = warehouse / BACKUPS
    return sorted(folder.glob("*.sqlite.gz")) if folder.is_dir() else []


def _advice(warehouse: Path, loc: catalog.Location) -> str:
    stop = "The run stopped and changed nothing. To recover, "
    target = loc.local_catalog
    for saved in reversed(backups(warehouse)):
        try:
            if _backup_is_whole(saved):
                return (
                    f"{stop}put the newest catalog backup back (gunzip -c {saved} > {target}), or restore the whole "
                    "warehouse."
                )
        except (OSError, EOFError, sqlite3.Error):
            continue
    return f"{stop}restore {target or loc.catalog} (and any missing files) from a backup of the whole warehouse."


def check(warehouse: Path, loc: catalog.Location) -> bool:
    """Raise LakeDamaged unless the lake is whole; True when there is a lake, False when there is none yet."""
    path = loc.local_catalog
    if needs_migration(warehouse) and not (path is not None and path.exists()):
        return False  # a warehouse of the layout before the lake: flows.load.migrate moves it in, checking every row
    if path is not None:
        held = _held(warehouse, loc)
        if not path.exists():
            if held:
                raise LakeDamaged(f"{path} is missing, but the warehouse holds {held}. {_advice(warehouse, loc)}")
            return False
        try:
            whole = _has_ducklake_tables(path)
        except sqlite3.Error as exc:
            raise LakeDamaged(f"{path} is not a readable catalog ({exc}). {_advice(warehouse, loc)}") from None
        if not whole:
            if held:
                raise LakeDamaged(f"{path} holds no lake, but the warehouse holds {held}. {_advice(warehouse, loc)}")
            return False
    elif not catalog.exists(loc):
        return False
    try:
        con = catalog.connect(loc, read_only=True)
    except duckdb.Error as exc:
        raise LakeDamaged(f"the catalog {loc.catalog} cannot be opened ({exc}). {_advice(warehouse, loc)}") from None
    try:
        if not loc.data_path.startswith("s3://"):
            gone = [
                f for t in LAKE_TABLES for pair in catalog.files(con, t) for f in pair if f and not os.path.exists(f)
            ]
            if gone:
                raise LakeDamaged(
                    f"the catalog names {len(gone)} data files that are not there (e.g. {gone[0]}): the warehouse was "
                    f"restored only in part. {_advice(warehouse, loc)}"
                )
    finally:
        con.close()
    return True


def back_up(warehouse: Path, loc: catalog.Location, run_id: str) -> None:
    """Copy the SQLite catalog as the night left it (SQLite's online backup: readers may hold it meanwhile)."""
    path = loc.local_catalog
    if path is None:
        return
    folder = warehouse / BACKUPS
    folder.mkdir(exist_ok=True)
    target = folder / f"{run_id}.sqlite.gz"
    tmp = folder / f".{run_id}.sqlite.tmp-{os.getpid()}"
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(tmp)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    try:
        with open(tmp, "rb") as src, gzip.open(f"{tmp}.gz", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(f"{tmp}.gz", target)
    finally:
        tmp.unlink(missing_ok=True)
    for old in backups(warehouse)[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
