"""Is the lake whole before a run writes to it? A lost, emptied or unreadable catalog, or data files the catalog names
that are gone, stop the run before any work: treating such a lake as new would publish an empty warehouse with exit 0.

After every commit the SQLite catalog is copied, gzipped, to catalog-backups/snapshot-<n>-<run_id>.sqlite.gz (the
last KEEP_BACKUPS), so the stop message can name a copy to put back. Backups are ordered by the lake's own snapshot
number, never by the run id or a file time, which come from the wall clock: a night run with the clock days behind
must not make an older copy look newest. For the same reason a catalog older than the newest backup (restored from
an older copy) stops the run: the nights only the newer copy knows would otherwise lose their files as orphans.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path

import duckdb

from nightdesk.errors import NightdeskError
from nightdesk.load import catalog, damage
from nightdesk.load.analyst import DB_NAME
from nightdesk.load.manifest_lake import MANIFEST
from nightdesk.load.schemas import sql_text

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


_NAMED = re.compile(r"^snapshot-(\d+)-")


def backup_snapshot(saved: Path) -> int:
    """The lake snapshot a backup holds: from its name, or (a backup named by run id alone, before the snapshot
    went into the name) from the copy itself; -1 when it cannot be read."""
    named = _NAMED.match(saved.name)
    if named:
        return int(named.group(1))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp) / "catalog.sqlite"
            with gzip.open(saved) as src, open(plain, "wb") as dst:
                shutil.copyfileobj(src, dst)
            return _last_snapshot(plain)
    except (OSError, EOFError, sqlite3.Error):
        return -1


def _last_snapshot(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = con.execute(sql_text("lake", "sqlite_last_snapshot.sql")).fetchone()
        return int(found[0]) if found and found[0] is not None else -1
    finally:
        con.close()


def backups(warehouse: Path) -> list[Path]:
    """The catalog backups, oldest snapshot first."""
    folder = warehouse / BACKUPS
    found = sorted(folder.glob("*.sqlite.gz")) if folder.is_dir() else []
    return sorted(found, key=lambda p: (backup_snapshot(p), p.name))


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
        return (
            False  # a warehouse of the layout before the lake: nightdesk.load.migrate moves it in, checking every row
        )
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
        _not_older_than_backups(warehouse, path)
    elif not catalog.exists(loc):
        return False
    try:
        con = catalog.connect(loc, read_only=True)
    except duckdb.Error as exc:
        raise LakeDamaged(f"the catalog {loc.catalog} cannot be opened ({exc}). {_advice(warehouse, loc)}") from None
    try:
        if not loc.data_path.startswith("s3://"):
            every = damage.lake_files(con)
            gone = [f for f in every if not os.path.exists(f)]
            if gone:
                raise LakeDamaged(
                    f"the catalog names {len(gone)} data files that are not there (e.g. {gone[0]}): the warehouse was "
                    f"restored only in part. {_advice(warehouse, loc)}"
                )
            # A scrambled file would otherwise fail the night deep in its load with DuckDB's "Invalid data", no
            # file named. Footers only: a few milliseconds a file.
            broken = damage.unreadable(every)
            if broken:
                raise LakeDamaged(
                    f"{len(broken)} of the lake's data files cannot be read (e.g. {broken[0][0]}: {broken[0][1]}). The "
                    "run stopped and changed nothing. Restore the file from a backup of the warehouse folder."
                )
    finally:
        con.close()
    return True


def _not_older_than_backups(warehouse: Path, path: Path) -> None:
    """Raise LakeDamaged when the catalog holds fewer snapshots than the newest backup: it was put back from an
    older copy, and the nights after that copy would lose their data files as orphans at the next commit."""
    saved = backups(warehouse)
    if not saved:
        return
    newest, current = backup_snapshot(saved[-1]), _last_snapshot(path)
    if newest > current:
        raise LakeDamaged(
            f"{path} is at snapshot {current}, but the backup {saved[-1]} holds snapshot {newest}: the catalog was "
            "put back from an older copy, and the nights after it would lose their data files. The run stopped and "
            f"changed nothing. Put the newest backup back (gunzip -c {saved[-1]} > {path}); to go back to the older "
            f"state on purpose, move the newer backups out of {saved[-1].parent} first."
        )


def back_up(warehouse: Path, loc: catalog.Location, run_id: str) -> None:
    """Copy the SQLite catalog as the night left it (SQLite's online backup: readers may hold it meanwhile)."""
    path = loc.local_catalog
    if path is None:
        return
    folder = warehouse / BACKUPS
    folder.mkdir(exist_ok=True)
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
        target = folder / f"snapshot-{_last_snapshot(tmp):010d}-{run_id}.sqlite.gz"
        with open(tmp, "rb") as src, gzip.open(f"{tmp}.gz", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(f"{tmp}.gz", target)
    finally:
        tmp.unlink(missing_ok=True)
    for old in backups(warehouse)[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
