"""Entity normalization against gold: the seed article, and GUM news dev through the eval command."""

from __future__ import annotations

import json

import duckdb
import pytest

from .conftest import shared_path
from .night import nightly

pytestmark = pytest.mark.e2e


def test_seed_gold_aliases_resolve_to_their_canonical_entity(seed_input, tmp_path):
    gold = json.loads(shared_path("gold", "seed-article.json").read_text(encoding="utf-8"))
    nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    con = duckdb.connect(str(tmp_path / "wh" / "news.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT a.alias, e.canonical_name FROM entity_aliases a JOIN entities e USING (entity_id)"
    ).fetchall()
    names = [r[0] for r in con.execute("SELECT canonical_name FROM entities").fetchall()]
    con.close()
    found: dict[str, set[str]] = {}
    for alias, canonical in rows:
        found.setdefault(alias, set()).add(canonical)
    checked = 0
    for entity in gold["entities"]:
        for alias in entity["aliases"]:
            if alias in found:
                checked += 1
                assert found[alias] == {entity["canonical"]}, alias
    assert checked >= 30
    for name in names:
        assert not name.lower().startswith(("the ", "mr ", "mr. ", "mrs ", "dr ")), name
        assert not name.endswith(("'s", "’s", "|")), name


def test_gum_dev_scores(tmp_path):
    from nightdesk.evaluate.entities import evaluate

    report = evaluate(shared_path("eval", "gum-news-dev"), tmp_path / "wh")
    assert report.b_cubed[2] >= 0.93 and report.cross_document[2] >= 0.87, report.b_cubed + report.cross_document
