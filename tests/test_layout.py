"""The code's shape: modules share only public names, and none grows past about 400 lines."""

from __future__ import annotations

import ast
import re

from .conftest import REPO

PRIVATE_IMPORT = re.compile(r"^from flows\.\S+ import .*\b_[A-Za-z]", re.MULTILINE)


def test_no_module_imports_another_modules_private_names():
    found = [
        f"{p.relative_to(REPO)}: {m.group()}"
        for p in (REPO / "flows").rglob("*.py")
        for m in PRIVATE_IMPORT.finditer(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(REPO)): n
        for p in (REPO / "flows").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def _literal_sql(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def test_no_query_is_written_in_python():
    """Queries live in sql/; Python may only set session options, load an extension file, checkpoint, and wrap an
    export query in COPY ... TO '<path>' (DuckDB takes the target only as a literal)."""
    allowed = ("SET ", "LOAD ", "COPY ", "CHECKPOINT")
    found = []
    for path in (REPO / "flows").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", None) in ("execute", "sql", "query")
                and node.args
            ):
                text = _literal_sql(node.args[0])
                if text is not None and not text.lstrip().upper().startswith(allowed):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {text[:60]!r}")
    assert found == []


def test_views_are_built_after_the_views_they_read(tmp_path):
    from graphlib import CycleError

    import pytest

    from flows.load.schemas import VIEWS, view_order

    assert (
        VIEWS.index("who_said_what") < VIEWS.index("quotes_mentioning_entity") < VIEWS.index("top_speakers_per_entity")
    )
    assert VIEWS.index("event_timeline") < VIEWS.index("events_per_location_week")
    (tmp_path / "a_first.sql").write_text(
        "CREATE VIEW a_first AS SELECT * FROM z_base;  -- not b_other", encoding="utf-8"
    )
    (tmp_path / "z_base.sql").write_text("CREATE VIEW z_base AS SELECT 1 AS x;", encoding="utf-8")
    (tmp_path / "b_other.sql").write_text("CREATE VIEW b_other AS SELECT 2 AS x;", encoding="utf-8")
    assert view_order(tmp_path) == ("b_other", "z_base", "a_first")  # a comment naming a view is no dependency
    (tmp_path / "z_base.sql").write_text("CREATE VIEW z_base AS SELECT * FROM a_first;", encoding="utf-8")
    with pytest.raises(CycleError):
        view_order(tmp_path)
