"""The code's shape: modules share only public names, and none grows past about 400 lines."""

from __future__ import annotations

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
