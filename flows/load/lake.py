"""The Parquet lake: immutable files per table plus a manifest that says which files are current.

A run writes new files only (never overwrites one), then commits by atomically replacing the manifest. A run
killed before that leaves the previous manifest, so readers and the next run see the last complete state;
files no manifest names are garbage and are removed after the next commit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from flows.load.schemas import TABLES, schema, to_table

MANIFEST = "_manifest.json"
FORMAT_VERSION = 1

Manifest = dict[str, list[str]]


def empty_manifest() -> Manifest:
    return {t: [] for t in TABLES}


def read_manifest(lake: Path) -> Manifest:
    path = lake / MANIFEST
    if not path.exists():
        return empty_manifest()
    doc = json.loads(path.read_text(encoding="utf-8"))
    manifest = empty_manifest()
    manifest.update({t: list(files) for t, files in doc["tables"].items()})
    return manifest


def _fsync_dir(path: Path) -> None:
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
    _fsync_dir(path.parent)


def commit_manifest(lake: Path, manifest: Manifest, run_id: str) -> None:
    doc = {"format": FORMAT_VERSION, "run_id": run_id, "tables": manifest}
    atomic_write_bytes(lake / MANIFEST, json.dumps(doc, indent=1, sort_keys=True).encode("utf-8"))


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


def collect_garbage(lake: Path, manifest: Manifest, keep: Iterable[str] = ()) -> int:
    """Remove lake files the committed manifest does not name; returns how many went."""
    live = {f for files in manifest.values() for f in files} | set(keep)
    removed = 0
    for table in TABLES:
        folder = lake / table
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            rel = f"{table}/{path.name}"
            if rel not in live and (path.suffix == ".parquet" or ".tmp-" in path.name):
                path.unlink(missing_ok=True)
                removed += 1
    return removed
