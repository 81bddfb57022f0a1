"""The data dictionary: every table, view and column with its comment, read from the definitions in sql/."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from nightdesk.load.analyst import create_reference_tables, create_views_and_comments
from nightdesk.load.corrections import apply_corrections
from nightdesk.load.schemas import (
    CORRECTION_TABLES,
    COUNT_TABLES,
    REFERENCE_TABLES,
    SEARCH_TABLES,
    TABLES,
    VIEWS,
    ddl,
    sql_text,
)


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # table or view
    comment: str | None
    columns: list[tuple[str, str, str | None]]  # name, type, comment


def describe() -> list[Relation]:
    con = duckdb.connect(":memory:")
    try:
        for table in TABLES + SEARCH_TABLES + COUNT_TABLES:
            con.execute(ddl(table))
        apply_corrections(con, [], create=True)
        create_reference_tables(con)
        create_views_and_comments(con)
        comments = dict(con.execute(sql_text("dictionary", "relation_comments.sql")).fetchall())
        out = []
        for name in TABLES + REFERENCE_TABLES + CORRECTION_TABLES + SEARCH_TABLES + COUNT_TABLES + VIEWS:
            columns = con.execute(sql_text("dictionary", "columns.sql"), {"relation": name}).fetchall()
            out.append(Relation(name, "view" if name in VIEWS else "table", comments.get(name), columns))
        return out
    finally:
        con.close()


def to_markdown(relations: list[Relation]) -> str:
    lines = [
        "# The nightdesk warehouse: data dictionary",
        "",
        "Generated from `sql/` by `nightdesk schema --markdown > docs/warehouse.md` (a test fails when it drifts).",
        "Character offsets index `articles.text` as a Python string: `text[start_char:end_char]` is the span.",
        "",
    ]
    for rel in relations:
        lines += [
            f"## {rel.name} ({rel.kind})",
            "",
            rel.comment or "",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [f"| `{c}` | {t} | {(m or '').replace('|', '&#124;')} |" for c, t, m in rel.columns]
        lines.append("")
    return "\n".join(lines)
