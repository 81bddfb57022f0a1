"""Entity corrections a person makes (merge, split, rename, retype): kept in the warehouse folder's corrections.csv, a file a
team can review and keep under version control, and applied in order to every database build, so that no later
night undoes them and no article is recomputed for them. The lake keeps what the pipeline found; the database
shows it corrected, and lists the corrections in the `entity_corrections` table.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from nightdesk.errors import NightdeskError
from nightdesk.load.lake import atomic_write_bytes
from nightdesk.load.schemas import ddl, sql_text
from nightdesk.settings import SQL_DIR

FILE = "corrections.csv"
COLUMNS = ("action", "entity_id", "other", "made_at")
ACTIONS = {
    "merge": "the entity `other` is merged into `entity_id`",
    "split": "the alias `other` leaves `entity_id` for an entity of its own",
    "rename": "`entity_id` is named `other`",
    "retype": "`entity_id` is of the type `other`",
}
# What an entity can be (the model's labels): a retype names one of them.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")


class CorrectionError(NightdeskError, ValueError):
    pass


@dataclass(frozen=True)
class Correction:
    number: int  # its line in the file, from 1 after the header
    action: str
    entity_id: str
    other: str
    made_at: datetime | None


def read_corrections(warehouse: Path) -> list[Correction]:
    """The corrections of a warehouse, in order; a wrong line stops the build naming `corrections.csv:<line>`."""
    path = warehouse / FILE
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if [c for c in COLUMNS if c not in (reader.fieldnames or [])]:
            raise CorrectionError(f"{path}:1: the header must be {','.join(COLUMNS)}")
        found = []
        for row in reader:
            where = f"{path}:{reader.line_num}"
            action, entity_id, other = (row.get(c, "").strip() for c in COLUMNS[:3])
            if action not in ACTIONS:
                raise CorrectionError(f"{where}: action {action!r} is not one of {', '.join(ACTIONS)}")
            if not entity_id or not other:
                raise CorrectionError(f"{where}: entity_id and other must both be given ({ACTIONS[action]})")
            if action == "retype" and other not in ENTITY_TYPES:
                raise CorrectionError(f"{where}: type {other!r} is not one of {', '.join(ENTITY_TYPES)}")
            try:
                made_at = datetime.fromisoformat(row["made_at"]) if row.get("made_at") else None
            except ValueError:
                raise CorrectionError(f"{where}: made_at {row['made_at']!r} is not an ISO date and time") from None
            found.append(Correction(len(found) + 1, action, entity_id, other, made_at))
    return found


def add_correction(warehouse: Path, action: str, entity_id: str, other: str) -> Correction:
    """Append one correction to the file (atomically: a crash leaves the old file or the new one)."""
    existing = read_corrections(warehouse)
    path = warehouse / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ",".join(COLUMNS) + "\n"
    if not text.endswith("\n"):
        text += "\n"
    made_at = datetime.now().replace(microsecond=0)
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([action, entity_id, other, made_at.isoformat()])
    atomic_write_bytes(path, (text + line.getvalue()).encode("utf-8"))
    return Correction(len(existing) + 1, action, entity_id, other, made_at)


# The tables whose rows belong to articles: a correction's steps on them touch every article that names the entity.
ROW_TABLES = {"entity_mentions", "quotes", "events", "articles"}
_TARGET = re.compile(r"^\s*(?:UPDATE|DELETE\s+FROM|INSERT\s+INTO)\s+(\w+)", re.I | re.M)


def step_table(sql: str) -> str:
    """The table a correction step (one statement of sql/corrections/) writes."""
    found = _TARGET.search(re.sub(r"--[^\n]*", "", sql))
    if not found:
        raise CorrectionError(f"a correction step must UPDATE, DELETE FROM or INSERT INTO a table: {sql[:80]!r}")
    return found.group(1).lower()


def apply_corrections(
    con: duckdb.DuckDBPyConnection,
    corrections: list[Correction],
    create: bool = False,
    rows: bool = True,
    tables: bool = True,
) -> None:
    """Apply each correction, in order, to the tables in use, and list it in `entity_corrections` (made first when
    `create`). `rows`: the steps on article rows (mentions, quotes, events); `tables`: the steps on the entity tables
    and the list. Every step is a filtered UPDATE, INSERT or DELETE: DuckLake has no INSERT OR IGNORE."""
    if create:
        con.execute(ddl("entity_corrections"))
    for c in corrections:
        values = {"entity_id": c.entity_id, "other": c.other}
        for step in sorted((SQL_DIR / "corrections" / c.action).glob("*.sql")):
            sql = step.read_text(encoding="utf-8")
            if rows if step_table(sql) in ROW_TABLES else tables:
                con.execute(sql, {k: v for k, v in values.items() if f"${k}" in sql})
        if tables:
            con.execute(
                sql_text("load", "entity_corrections.sql"),
                {"correction_no": c.number, "action": c.action, "made_at": c.made_at, **values},
            )
