"""End to end: the real Prefect flow over real articles, checked on the rows it writes."""

from __future__ import annotations

import duckdb
import pytest

from nightdesk.extract.discover import InputUnavailable
from nightdesk.nightly import nightly

from .conftest import shared_path
from .contract import CONTRACT_COLUMNS, CONTRACT_TYPES
from .warehouse import forms_disagree, query, snapshot

pytestmark = pytest.mark.e2e


def test_seed_run_rerun_and_changed_article(prefect_harness, seed_input, tmp_path):
    wh = tmp_path / "wh"
    first = nightly(inputs=[str(seed_input)], warehouse=str(wh))
    assert (first.articles_seen, first.articles_loaded, first.articles_unchanged, first.articles_rejected) == (
        1,
        1,
        0,
        0,
    )

    # Every contract column exists in the database, with the contract's types.
    cols = {
        (t, c): ty
        for t, c, ty in query(wh, "SELECT table_name, column_name, data_type FROM information_schema.columns")
    }
    for table, columns in CONTRACT_COLUMNS.items():
        for column in columns:
            assert (table, column) in cols, f"{table}.{column} missing"
    for key, ty in CONTRACT_TYPES.items():
        assert cols[key] == ty

    text = query(wh, "SELECT text FROM articles")[0][0]
    kadhimi = query(
        wh, "SELECT start_char, end_char, mention_text FROM entity_mentions WHERE mention_text = 'Mustafa al-Kadhimi'"
    )
    assert kadhimi, "the seed's Mustafa al-Kadhimi mention is missing"
    for start, end, mention in kadhimi:
        assert text[start:end] == mention == "Mustafa al-Kadhimi"
    published = query(wh, "SELECT published_at::DATE::VARCHAR, title FROM articles")[0]
    assert published == ("2021-11-07", "Iraqi Prime Minister Survives Drone Attack on His Home")

    before = snapshot(wh)
    second = nightly(inputs=[str(seed_input)], warehouse=str(wh))
    assert (second.articles_loaded, second.articles_unchanged) == (0, 1)
    assert snapshot(wh) == before
    runs = query(
        wh,
        "SELECT articles_seen, articles_loaded, articles_unchanged, articles_rejected, status FROM runs ORDER BY started_at",
    )
    assert runs == [(1, 1, 0, 0, "completed"), (1, 0, 1, 0, "completed")]

    # A changed article replaces all its rows: no leftovers from the old text.
    seed_file = next(seed_input.glob("*.txt"))
    seed_file.write_text(
        seed_file.read_text(encoding="utf-8") + "\n\nLater, Renad Mansour spoke again in London.\n", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    third = nightly(inputs=[str(seed_input), str(tmp_path / "empty.txt")], warehouse=str(wh))
    assert (third.articles_loaded, third.articles_unchanged, third.articles_rejected) == (1, 0, 1)
    assert query(wh, "SELECT count(*) FROM articles") == [(1,)]
    assert query(wh, "SELECT count(*) FROM entity_mentions WHERE mention_text = 'London'") == [(1,)]
    dup = query(wh, "SELECT count(*) - count(DISTINCT (start_char, end_char)) FROM entity_mentions")
    assert dup == [(0,)]
    assert forms_disagree(wh) == []  # the old text's counts subtracted, the new text's added
    assert query(wh, "SELECT reason FROM rejected_inputs") == [("empty file: it holds no bytes or only white space",)]

    # A missing input fails the run (a served run too) and changes nothing.
    after = snapshot(wh), query(wh, "SELECT count(*) FROM runs")
    with pytest.raises(InputUnavailable, match="nowhere does not exist"):
        nightly(inputs=[str(seed_input), str(tmp_path / "nowhere")], warehouse=str(wh))
    assert (snapshot(wh), query(wh, "SELECT count(*) FROM runs")) == after


def test_polnear_and_seed_offsets_slice_on_every_article(prefect_harness, seed_input, tmp_path):
    polnear = shared_path("eval", "polnear-dev", "articles.jsonl")
    wh = tmp_path / "wh"
    summary = nightly(inputs=[str(seed_input), str(polnear)], warehouse=str(wh))
    assert summary.articles_loaded == 85 and summary.articles_rejected == 0
    assert query(wh, "SELECT count(*), count(published_at) FROM articles")[0][1] >= 84
    con = duckdb.connect(str(wh / "news.duckdb"), read_only=True)
    texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    mentions = con.execute("SELECT article_id, start_char, end_char, mention_text FROM entity_mentions").fetchall()
    con.close()
    assert len(mentions) > 2000
    bad = [(a, s, e, m) for a, s, e, m in mentions if texts[a][s:e] != m]
    assert bad == []
    assert len({a for a, *_ in mentions}) == 85
    from nightdesk.load.schemas import VIEWS

    for view in VIEWS:  # every analyst view answers on real data
        assert query(wh, f"SELECT count(*) FROM {view}")[0][0] > 0, view


def test_entity_ids_survive_reruns_and_new_inputs(prefect_harness, seed_input, tmp_path):
    from .conftest import SEED_DIR

    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh))
    first = dict(query(wh, "SELECT mention_id, entity_id FROM entity_mentions"))
    entities = set(query(wh, "SELECT entity_id FROM entities"))
    nightly(inputs=[str(seed_input)], warehouse=str(wh), reprocess=True)
    assert dict(query(wh, "SELECT mention_id, entity_id FROM entity_mentions")) == first
    nightly(inputs=[str(seed_input), str(SEED_DIR / "wikinews.jsonl")], warehouse=str(wh))
    after = dict(query(wh, "SELECT mention_id, entity_id FROM entity_mentions"))
    assert {m: after[m] for m in first} == first
    assert entities <= set(query(wh, "SELECT entity_id FROM entities"))
    assert query(wh, "SELECT count(*) FROM articles") == [(13,)]


def test_the_progress_bar_shows_work_and_nothing_when_there_is_none(prefect_harness, seed_input, tmp_path, capsys):
    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh), show_progress=True)
    assert "1/1 articles" in capsys.readouterr().err
    again = nightly(inputs=[str(seed_input)], warehouse=str(wh), show_progress=True)
    assert again.articles_unchanged == 1
    assert "transform" not in capsys.readouterr().err  # no 0/0 bar on a night without new articles
