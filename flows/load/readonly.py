"""What SQL an analyst session (`nightdesk sql`, also `--as-of`) may run: statements and functions that only read.

DuckDB's own switches are not enough. A read-only connection with external access off still lets COPY write the
database's own paths, and DuckLake's upkeep functions (`ducklake_cleanup_old_files`, `ducklake_expire_snapshots`,
...) delete the lake's data files even from a catalog attached READ_ONLY, whether named by CALL or inside a SELECT
(`SELECT * FROM ducklake_cleanup_old_files(...)`). So every statement is checked before any runs: its kind against
READING, and every table function it names (by CALL, in FROM, in a subquery, in a SET VARIABLE's expression)
against an allow-list of functions that only read. `query()` and `query_table()`, which run SQL held in a string,
are refused, since the string cannot be checked.
"""

from __future__ import annotations

import json
import re

import duckdb

from nightdesk.errors import NightdeskError
from nightdesk.load.schemas import sql_text

# Statements that only read (besides SET, whose settings the session has locked, and transactions). COPY, EXPORT,
# ATTACH, INSTALL/LOAD, PREPARE/EXECUTE and every statement that changes a table are refused before anything runs.
READING = {"SELECT", "EXPLAIN", "CALL", "PRAGMA", "SET", "VARIABLE_SET", "TRANSACTION"}
# Table functions that only read: generators, DuckDB's catalog views, the lake's history (snapshots, changes) and the
# search macro. Anything else (DuckLake's upkeep, checkpoint, query()) is refused.
READ_FUNCTIONS = re.compile(
    r"^(range|generate_series|unnest|repeat|repeat_row|json_each|json_tree|quote_scores|test_all_types|"
    r"duckdb_\w+|pragma_\w+|read_\w+|parquet_\w+|glob|sniff_csv|which_secret|"
    r"snapshots|table_changes|table_insertions|table_deletions|current_snapshot|last_committed_snapshot|"
    r"ducklake_(snapshots|table_info|list_files|table_changes|table_insertions|table_deletions|current_snapshot|"
    r"last_committed_snapshot|options|settings))$",
    re.I,
)
# PRAGMA statements that only show something.
READ_PRAGMAS = re.compile(
    r"^(table_info|show|show_tables|show_tables_expanded|show_databases|database_list|database_size|storage_info|"
    r"version|platform|functions|collations|metadata_info|user_agent)$",
    re.I,
)
_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(.*)", re.S | re.I)
_CALL = re.compile(r"\s*CALL\s+((?:\"[^\"]+\"|\w+)(?:\.(?:\"[^\"]+\"|\w+))*)\s*\((.*)\)\s*;?\s*$", re.S | re.I)
_PRAGMA = re.compile(r"\s*PRAGMA\s+(\w+)", re.I)
_SET_VARIABLE = re.compile(r"\s*SET\s+VARIABLE\s+\"?\w+\"?\s*(?:=|TO)\s*(.*?);?\s*$", re.S | re.I)

ADVICE = (
    "The session reads the warehouse only: SELECT, EXPLAIN, CALL and PRAGMA of functions that read, SET. To write "
    "Parquet use `nightdesk export`; for anything else open a copy of news.duckdb with the duckdb command"
)


class WriteRefused(NightdeskError, PermissionError):
    pass


def _refuse(query: str, why: str) -> WriteRefused:
    return WriteRefused(f"the session is read-only: {' '.join(query.split())[:60]!r} is refused ({why}). {ADVICE}")


def refuse_writes(con: duckdb.DuckDBPyConnection, statements) -> None:
    """Raise WriteRefused before anything runs when one of `statements` (from con.extract_statements) could write or
    delete anything: an analyst session never changes a file."""
    for statement in statements:
        kind = statement.type.name
        query = _without_comments(statement.query)
        if kind not in READING:
            raise _refuse(statement.query, kind)
        if kind == "EXPLAIN":
            # EXPLAIN ANALYZE runs its statement, so what it explains must itself only read.
            inner = _EXPLAIN.match(query)
            kinds = {s.type.name for s in con.extract_statements(inner.group(1))} if inner else {"unknown"}
            if not kinds <= {"SELECT"}:
                raise _refuse(statement.query, f"EXPLAIN of {', '.join(sorted(kinds))}")
            _check_select(con, inner.group(1), statement.query)
        elif kind == "SELECT":
            _check_select(con, query, statement.query)
        elif kind == "CALL":
            called = _CALL.match(query)
            if not called:
                raise _refuse(statement.query, "a CALL nightdesk cannot read")
            _check_function(called.group(1).split(".")[-1].strip('"'), statement.query)
            _check_select(con, f"SELECT * FROM {called.group(1)}({called.group(2)})", statement.query)
        elif kind == "PRAGMA":
            name = _PRAGMA.match(query)
            if not name or not READ_PRAGMAS.match(name.group(1)):
                raise _refuse(statement.query, f"PRAGMA {name.group(1) if name else '?'} is not one that only shows")
        elif kind in ("SET", "VARIABLE_SET") and re.match(r"\s*SET\s+VARIABLE\b", query, re.I):
            # A variable's value is any expression, subqueries included (a setting's value may hold none).
            value = _SET_VARIABLE.match(query)
            if not value:
                raise _refuse(statement.query, "a SET VARIABLE nightdesk cannot read")
            _check_select(con, f"SELECT {value.group(1)}", statement.query)


def _check_select(con: duckdb.DuckDBPyConnection, query: str, original: str) -> None:
    """Every table function the SELECT names, at any depth, must only read."""
    try:
        tree = json.loads(con.execute(sql_text("analyst", "statement_tree.sql"), {"q": query}).fetchone()[0])
    except duckdb.Error as exc:
        raise _refuse(original, f"it cannot be checked: {exc}") from None
    if tree.get("error"):
        # DESCRIBE, SHOW and the like are SELECTs DuckDB does not serialize; they name no function.
        if re.match(r"\s*(DESCRIBE|SHOW|SUMMARIZE)\b", query, re.I) and "(" not in query:
            return
        raise _refuse(original, f"it cannot be checked: {tree.get('error_message')}")
    for name in _table_functions(tree):
        _check_function(name, original)


def _check_function(name: str, original: str) -> None:
    if not READ_FUNCTIONS.match(name):
        raise _refuse(original, f"{name}() is not a function that only reads")


def _table_functions(node) -> list[str]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "TABLE_FUNCTION" and isinstance(node.get("function"), dict):
            found.append(node["function"].get("function_name", ""))
        for value in node.values():
            found += _table_functions(value)
    elif isinstance(node, list):
        for value in node:
            found += _table_functions(value)
    return found


def _without_comments(query: str) -> str:
    return re.sub(r"^(\s*(--[^\n]*\n|/\*.*?\*/))*", "", query, flags=re.S)
