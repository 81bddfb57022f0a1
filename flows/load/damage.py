"""Which of the lake's data files are gone or unreadable, by name. DuckDB's own errors about a damaged Parquet file
("TProtocolException: Invalid data", "don't know what type") do not say which of the files a view reads is the bad
one; pyarrow, asked file by file, does."""

from __future__ import annotations

import os
import re

import duckdb
import pyarrow.parquet as pq

from nightdesk.load import catalog

# DuckDB errors that come from a data file rather than from the query.
FILE_ERRORS = re.compile(
    r"parquet|TProtocolException|Invalid data|don't know what type|magic bytes|No files found|cannot access file|"
    r"IO Error|Invalid Input Error: .*file",
    re.I,
)


def lake_files(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every data and delete file of every table at the snapshot the session attached."""
    return [f for found in catalog.table_files(con).values() for pair in found for f in pair if f]


def unreadable(paths: list[str], whole: bool = False) -> list[tuple[str, str]]:
    """(file, what is wrong) for each file that is missing or whose Parquet footer cannot be read (`whole`: whose
    rows cannot be read either, which costs a full read)."""
    found = []
    for path in paths:
        if not os.path.exists(path):
            found.append((path, "missing"))
            continue
        try:
            if whole:
                pq.read_table(path)
            else:
                pq.read_metadata(path)
        except Exception as exc:  # noqa: BLE001  (pyarrow raises several kinds for a damaged file)
            found.append((path, f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"))
    return found


def describe(loc: catalog.Location, snapshot: int | None = None) -> str:
    """The lake's damaged files in words ("" when every file reads whole): for a query that failed on one."""
    if loc.data_path.startswith("s3://"):
        return ""
    try:
        con = catalog.connect(loc, read_only=True, snapshot=snapshot)
        try:
            paths = lake_files(con)
        finally:
            con.close()
    except (duckdb.Error, catalog.CatalogError):
        return ""
    bad = unreadable(paths) or unreadable(paths, whole=True)
    if not bad:
        return ""
    shown = "; ".join(f"{path} ({why})" for path, why in bad[:3])
    return (
        f". The lake's data file{'s' if len(bad) > 1 else ''} {shown}{' and more' if len(bad) > 3 else ''} cannot be "
        "read: restore it from a backup of the warehouse folder"
    )
