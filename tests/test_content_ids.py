"""Ids from content, not positions (issue 31): a quote, mention and event keep their id when the text around them
shifts, and `nightdesk changes` reports only what changed."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from nightdesk.cli import app

from .conftest import SEED_DIR, SEED_TEXT
from .night import nightly
from .warehouse import query

pytestmark = pytest.mark.e2e

# A new paragraph at the top, with a quote, a person and an event of its own.
INSERTED = (
    "Update: \u201cWe will keep reporting on the attack as we learn more,\u201d said Jane Roe, the editor, "
    "after police arrested two men in Basra on Monday.\n\n"
)
ID_COLUMNS = {"quotes": "quote_id", "entity_mentions": "mention_id", "events": "event_id"}


def _ids(wh, table: str) -> set[str]:
    return {r[0] for r in query(wh, f"SELECT {ID_COLUMNS[table]} FROM {table}")}


def _changes(wh, since: str, table: str, *more: str) -> list[tuple[str, str]]:
    result = CliRunner().invoke(app, ["changes", "--since", since, "--table", table, "-w", str(wh), "-f", "csv", *more])
    assert result.exit_code == 0, result.output
    return [tuple(line.split(",")[:2]) for line in result.output.strip().splitlines()[1:]]


def test_a_line_inserted_at_the_top_keeps_the_ids_and_changes_lists_only_what_changed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in SEED_DIR.glob(f"{SEED_TEXT.stem}.*"):
        shutil.copy(f, inputs / f.name)
    wh = tmp_path / "wh"
    first = nightly(inputs=[str(inputs)], warehouse=str(wh))
    before = {t: _ids(wh, t) for t in ID_COLUMNS}
    story = inputs / SEED_TEXT.name
    story.write_text(INSERTED + story.read_text(encoding="utf-8"), encoding="utf-8")
    second = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert second.articles_loaded == 1
    after = {t: _ids(wh, t) for t in ID_COLUMNS}
    for table, ids in before.items():
        kept = len(ids & after[table]) / len(ids)
        assert kept >= 0.9, f"{table}: {kept:.0%} of {len(ids)} ids kept"
        assert len(after[table] - ids) <= max(3, 0.1 * len(ids)), table  # what the new paragraph brought, and few more
    assert [r[2] for r in second.replaced] == ["text"]  # the night reported the article it replaced

    # The new paragraph's quote is added; quotes that only moved are not listed unless asked for.
    quotes = _changes(wh, first.run_id, "quotes")
    new_quote = query(wh, "SELECT quote_id FROM quotes WHERE content LIKE 'We will keep reporting%'")
    assert new_quote and ("added", new_quote[0][0]) in quotes
    assert len(quotes) <= 3, quotes
    moved = _changes(wh, first.run_id, "quotes", "--moved")
    assert sum(1 for change, _id in moved if change == "moved") >= 0.9 * len(before["quotes"])
    assert _changes(wh, first.run_id, "articles") == [("changed", query(wh, "SELECT article_id FROM articles")[0][0])]

    # A third night over the same input changes nothing at all.
    third = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert third.articles_loaded == 0
    assert _changes(wh, second.run_id, "quotes") == []
