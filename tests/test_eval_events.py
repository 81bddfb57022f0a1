"""Events against gold: the seed article's drone strike and Friday clash, and PLOVER dev through the eval command."""

from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.nightly import nightly

from .conftest import shared_path

pytestmark = pytest.mark.e2e


def test_seed_article_drone_strike_and_friday_clash(prefect_harness, seed_input, tmp_path):
    nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    con = duckdb.connect(str(tmp_path / "wh" / "news.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT v.event_type, v.event_mode, e.canonical_name, v.event_date::VARCHAR, v.killed, v.injured "
        "FROM events v LEFT JOIN entities e ON e.entity_id = v.target_entity_id"
    ).fetchall()
    types = {r[0] for r in con.execute("SELECT DISTINCT event_type FROM events").fetchall()}
    con.close()
    assert ("ASSAULT", "drone", "Mustafa al-Kadhimi", "2021-11-07") in {r[:4] for r in rows}, rows
    clash = [r for r in rows if r[0] == "PROTEST" and r[3] == "2021-11-05" and r[4] == 1 and (r[5] or 0) >= 120]
    assert clash, rows
    from flows.transform.rules import plover_types

    assert types <= plover_types() and len(plover_types()) == 16


def test_plover_dev_scores(prefect_harness, tmp_path):
    folder = shared_path("eval", "plover-dev")
    result = CliRunner().invoke(app, ["eval", "events", str(folder), "--warehouse", str(tmp_path)])
    assert result.exit_code == 0, result.output
    values = {line.split("│")[1].strip(): line.split("│")[2].split()[0] for line in result.output.splitlines() if line.count("│") >= 3}
    assert float(values["type recall"]) >= 0.70, result.output
    assert float(values["actor accuracy"]) >= 0.65, result.output
