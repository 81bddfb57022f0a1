"""Time travel from the command line: every night a snapshot named by its run id, `sql --as-of` answers as a past
night left the warehouse, and `changes --since` lists what later nights added, changed and removed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nightdesk.cli import app

from .night import nightly

pytestmark = pytest.mark.e2e


def _csv(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return [line.split(",") for line in result.output.strip().splitlines()[1:]]


def test_as_of_returns_the_previous_nights_rows_after_a_night_changed_an_article(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    story = inputs / "talks.txt"
    story.write_text("\u201cTalks will resume,\u201d said Ned Price on Monday.", encoding="utf-8")
    (inputs / "other.txt").write_text("Rebels attacked a convoy near Goma on Tuesday, the army said.", encoding="utf-8")
    wh = tmp_path / "wh"
    first = nightly(inputs=[str(inputs)], warehouse=str(wh))
    story.write_text("\u201cTalks are over,\u201d said Ned Price on Friday.", encoding="utf-8")
    (inputs / "other.txt").unlink()
    (inputs / "new.txt").write_text("Police arrested five protesters in Cairo on Monday.", encoding="utf-8")
    second = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert second.articles_loaded == 2

    runner = CliRunner()
    quote = "SELECT content FROM who_said_what WHERE speaker_text = 'Ned Price'"
    assert _csv(runner.invoke(app, ["sql", quote, "-w", str(wh), "-f", "csv"])) == [["Talks are over"]]
    then = runner.invoke(app, ["sql", quote, "-w", str(wh), "-f", "csv", "--as-of", first.run_id])
    assert _csv(then) == [["Talks will resume"]]
    counted = "SELECT count(*) FROM articles"
    assert _csv(runner.invoke(app, ["sql", counted, "-w", str(wh), "-f", "csv", "--as-of", first.run_id])) == [["2"]]
    assert _csv(runner.invoke(app, ["sql", counted, "-w", str(wh), "-f", "csv"])) == [["3"]]

    listed = _csv(runner.invoke(app, ["snapshots", "-w", str(wh), "-f", "csv"]))
    assert [row[2] for row in listed if row[2]] == [first.run_id, second.run_id]

    changed = _csv(runner.invoke(app, ["changes", "--since", first.run_id, "-w", str(wh), "-f", "csv"]))
    assert sorted(row[0] for row in changed) == ["added", "changed"]  # the new story, and Ned Price's
    assert all(row[2] == second.run_id for row in changed)

    wrong = runner.invoke(app, ["sql", counted, "-w", str(wh), "--as-of", "yesterday-ish"])
    assert wrong.exit_code == 1 and first.run_id in wrong.output and "Traceback" not in wrong.output


def test_a_table_a_newer_version_adds_is_made_by_its_first_night_and_empty_as_of_before(tmp_path):
    from nightdesk.load import catalog

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Rebels attacked a convoy near Goma on Tuesday, the army said.", encoding="utf-8")
    wh = tmp_path / "wh"
    first = nightly(inputs=[str(inputs)], warehouse=str(wh))
    con = catalog.connect(catalog.location(wh))  # the lake as a version before event_statistics left it
    try:
        con.execute("DROP TABLE lake.event_statistics")
    finally:
        con.close()
    (inputs / "b.txt").write_text("Police have arrested a total of 346 people so far.", encoding="utf-8")
    second = nightly(inputs=[str(inputs)], warehouse=str(wh))
    assert second.checks_passed == len(second.checks)
    runner = CliRunner()
    counted = "SELECT count(*) FROM event_statistics"
    assert _csv(runner.invoke(app, ["sql", counted, "-w", str(wh), "-f", "csv"])) == [["1"]]
    assert _csv(runner.invoke(app, ["sql", counted, "-w", str(wh), "-f", "csv", "--as-of", first.run_id])) == [["0"]]
