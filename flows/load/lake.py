"""A run's own files beside the lake: the journal of runs that began, and the Parquet files its batches stage.

A batch's finished rows are staged as Parquet under staging/<run_id>/ while the transform goes on; the load inserts
them into the lake in the night's one transaction, then the folder goes. A run that never commits (killed, failed)
leaves its journal entry, which the next committing run turns into its `runs` row, and its staging folder, which
that run removes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from nightdesk.load.schemas import schema, to_table

JOURNAL = "journal"  # one file per run that has begun and not yet committed
STAGING = "staging"
RUN_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{6}$")


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


def begin_run(warehouse: Path, run_id: str, note: dict | None = None) -> None:
    """Note that `run_id` has begun: if it never commits, the next committing run records it in `runs` (failed, or
    interrupted when it died without a word) and removes what it staged."""
    (warehouse / JOURNAL).mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(warehouse / JOURNAL / run_id, json.dumps(note or {}, default=str).encode())


def discard_run(warehouse: Path, run_id: str, error: str, status: str = "failed") -> None:
    """Remove what a failed run staged, and note how and why it ended in its journal entry."""
    shutil.rmtree(staging_dir(warehouse, run_id), ignore_errors=True)
    note = unfinished_runs(warehouse).get(run_id, {})
    atomic_write_bytes(
        warehouse / JOURNAL / run_id,
        json.dumps({**note, "status": status, "error": error, "failed_at": datetime.now()}, default=str).encode(),
    )


def unfinished_runs(warehouse: Path) -> dict[str, dict]:
    """Runs that began and never committed, with what their journal entry says (empty when it says nothing)."""
    journal = warehouse / JOURNAL
    found = {}
    for path in sorted(journal.iterdir()) if journal.is_dir() else []:
        if not RUN_ID.fullmatch(path.name):
            continue
        try:
            note = json.loads(path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            note = {}
        found[path.name] = note if isinstance(note, dict) else {}
    return found


def finish_runs(warehouse: Path) -> None:
    """After a commit: every staging folder and journal entry goes, the run's own and those of earlier runs that never
    committed (the commit recorded them in `runs`). The run lock keeps any other run from having begun meanwhile."""
    shutil.rmtree(warehouse / STAGING, ignore_errors=True)
    shutil.rmtree(warehouse / JOURNAL, ignore_errors=True)


def staging_dir(warehouse: Path, run_id: str) -> Path:
    return warehouse / STAGING / run_id


def write_file(folder: Path, table: str, data: pa.Table, name: str) -> Path:
    """Write one Parquet file of the table's schema (atomically: a kill leaves none or the whole file)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{table}-{name}.parquet"
    tmp = folder / f".{target.name}.tmp-{os.getpid()}"
    pq.write_table(data.cast(schema(table)), tmp, compression="zstd")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def write_rows(folder: Path, table: str, rows: list[dict], name: str) -> Path:
    return write_file(folder, table, to_table(table, rows), name)
