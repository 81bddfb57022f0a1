"""The Parquet lake: immutable files per table plus a manifest that says which files are current.

A run writes new files only (never overwrites one), then commits by atomically replacing the manifest. A run
killed before that leaves the previous manifest, so readers and the next run see the last complete state;
files no manifest names are garbage and are removed after the next commit, but only those a run can account for.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from flows.errors import NightdeskError
from flows.load.schemas import TABLES, schema, to_table

MANIFEST = "_manifest.json"
FORMAT_VERSION = 1
HISTORY = "manifests"  # the last KEEP_SAVED committed manifests, named by run id
KEEP_SAVED = 10
JOURNAL = "journal"  # one empty file per run that has begun writing and not yet committed
# Files a run writes start with its run id (flows.nightly.new_run_id), also the hidden temporary ones.
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


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def commit_manifest(lake: Path, manifest: Manifest, run_id: str) -> None:
    """The commit point of a run. A copy goes to lake/manifests/ first: a tool that skips `_` files, or a partial
    restore, then still leaves a way back (see read_manifest)."""
    doc = json.dumps(
        {"format": FORMAT_VERSION, "run_id": run_id, "tables": manifest}, indent=1, sort_keys=True
    ).encode()
    (lake / HISTORY).mkdir(exist_ok=True)
    atomic_write_bytes(lake / HISTORY / f"{run_id}.json", doc)
    atomic_write_bytes(lake / MANIFEST, doc)
    for old in saved_manifests(lake)[:-KEEP_SAVED]:
        old.unlink(missing_ok=True)


def begin_run(lake: Path, run_id: str, note: dict | None = None) -> None:
    """Note that `run_id` is about to write files: if it never commits, they are garbage a later run may remove, and
    the next committing run records it in `runs` (failed, or interrupted when it died without a word)."""
    (lake / JOURNAL).mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(lake / JOURNAL / run_id, json.dumps(note or {}, default=str).encode())


def discard_run(lake: Path, run_id: str, error: str, status: str = "failed") -> int:
    """Remove what a failed run wrote and no committed manifest names, and note how and why it ended in its journal
    entry (the next committing run turns the entry into its `runs` row); returns how many files went."""
    live = {f for files in read_manifest(lake).values() for f in files}
    removed = _remove_unnamed(lake, live, lambda name: run_of(name) == run_id)
    note = unfinished_runs(lake).get(run_id, {})
    atomic_write_bytes(
        lake / JOURNAL / run_id,
        json.dumps({**note, "status": status, "error": error, "failed_at": datetime.now()}, default=str).encode(),
    )
    return removed


def unfinished_runs(lake: Path) -> dict[str, dict]:
    """Runs that began and never committed, with what their journal entry says (empty when it says nothing)."""
    found = {}
    for name in _unfinished_runs(lake):
        try:
            note = json.loads((lake / JOURNAL / name).read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            note = {}
        found[name] = note if isinstance(note, dict) else {}
    return found


def write_file(lake: Path, table: str, data: pa.Table, name: str) -> str:
    """Write one immutable Parquet file; returns its path relative to the lake."""
    folder = lake / table
    folder.mkdir(parents=True, exist_ok=True)
    rel = f"{table}/{name}.parquet"
    target = lake / rel
    tmp = folder / f".{name}.parquet.tmp-{os.getpid()}"
    pq.write_table(data.cast(schema(table)), tmp, compression="zstd")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return rel


def write_rows(lake: Path, table: str, rows: list[dict], name: str) -> str:
    return write_file(lake, table, to_table(table, rows), name)


def read_table(lake: Path, manifest: Manifest, table: str, columns: list[str] | None = None) -> pa.Table:
    files = [str(lake / f) for f in manifest.get(table, [])]
    sch = schema(table)
    if not files:
        return sch.empty_table().select(columns) if columns else sch.empty_table()
    # An explicit schema lets files written before a column was added read back with nulls there.
    return ds.dataset(files, schema=sch, format="parquet").to_table(columns=columns)


def drop_articles(lake: Path, files: list[str], table: str, article_ids: set[str], name_prefix: str) -> list[str]:
    """The table's file list with every row of `article_ids` removed (touched files are rewritten anew)."""
    if not article_ids:
        return list(files)
    kept: list[str] = []
    wanted = pa.array(sorted(article_ids))
    for i, rel in enumerate(files):
        ids = pq.read_table(lake / rel, columns=["article_id"]).column("article_id")
        if not pc.any(pc.is_in(ids, value_set=wanted)).as_py():
            kept.append(rel)
            continue
        data = ds.dataset(str(lake / rel), schema=schema(table), format="parquet").to_table()
        remaining = data.filter(pc.invert(pc.is_in(data.column("article_id"), value_set=wanted)))
        if remaining.num_rows:
            kept.append(write_file(lake, table, remaining, f"{name_prefix}-rw{i:04d}"))
    return kept


def collect_garbage(lake: Path, manifest: Manifest, previous: Manifest | None = None) -> int:
    """Remove lake files the committed manifest no longer names, when a run can account for them: files the previous
    manifest named, and files of known runs (committed ones, and runs the journal shows never committed). A file
    nightdesk cannot account for is left alone. Returns how many went."""
    live = {f for files in manifest.values() for f in files}
    known = {f for files in (previous or {}).values() for f in files}
    runs = {Path(f).stem for f in manifest.get("runs", [])}
    unfinished = _unfinished_runs(lake)
    runs |= unfinished

    removed = _remove_unnamed(lake, live, lambda name: run_of(name) in runs, known)
    for name in unfinished:
        (lake / JOURNAL / name).unlink(missing_ok=True)
    return removed


def run_of(name: str) -> str | None:
    """The run id a lake file's name starts with (also a hidden temporary's), or None for a file no run wrote."""
    match = RUN_FILE.match(name.lstrip("."))
    return match.group(1) if match else None


def _unfinished_runs(lake: Path) -> set[str]:
    journal = lake / JOURNAL
    return {p.name for p in journal.iterdir() if RUN_FILE.fullmatch(p.name)} if journal.is_dir() else set()


def _remove_unnamed(lake: Path, live: set[str], accountable, known: Iterable[str] = ()) -> int:
    known = set(known)
    removed = 0
    for table in TABLES:
        folder = lake / table
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            rel = f"{table}/{path.name}"
            ours = path.suffix == ".parquet" or ".parquet.tmp-" in path.name
            if rel not in live and ours and (rel in known or accountable(path.name)):
                path.unlink(missing_ok=True)
                removed += 1
    return removed
