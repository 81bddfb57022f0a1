"""The lake (DuckLake): a night is one snapshot, a changed article's rows are replaced whole, a failed or killed run
leaves nothing behind but its journal entry, and an analyst's news.duckdb shows exactly the lake's rows."""

from datetime import datetime

import pytest

from nightdesk.load import catalog
from nightdesk.load import lake as lk
from nightdesk.settings import SEEDS_DIR


def _mention(article_id, n, text="x", entity_id=None):
    return {
        "mention_id": f"{article_id}-{n}",
        "article_id": article_id,
        "entity_id": entity_id,
        "start_char": 0,
        "end_char": 1,
        "mention_text": text,
        "label": "ORG",
    }


def _article(article_id, text="x"):
    return {
        "article_id": article_id,
        "source_id": article_id,
        "text": text,
        "content_hash": f"h-{text}",
        "run_id": "r",
        "pipeline_version": "2",
    }


def _run_row(run_id, loaded):
    return {
        "run_id": run_id,
        "started_at": datetime(2021, 11, 7),
        "status": "completed",
        "articles_seen": loaded,
        "articles_loaded": loaded,
        "articles_unchanged": 0,
        "articles_rejected": 0,
        "pipeline_version": "2",
    }


def _night(wh, run_id, articles, mentions, replaced=(), entities=()):
    """Stage the rows as a run's batch does and commit them as one night."""
    from nightdesk.load.night import apply_night
    from nightdesk.load.registry import Registry
    from nightdesk.transform import rules

    folder = lk.staging_dir(wh, run_id)
    staged = {
        "articles": [str(lk.write_rows(folder, "articles", articles, "b00000"))],
        "entity_mentions": [str(lk.write_rows(folder, "entity_mentions", mentions, "b00000"))],
    }
    con = catalog.connect(catalog.location(wh), create=True)
    try:
        registry = Registry([dict(e) for e in entities], [], run_id, rules.load(SEEDS_DIR), {})
        apply_night(
            con, wh, run_id, staged, set(replaced), registry, [_run_row(run_id, len(articles))], [], [], SEEDS_DIR
        )
        return catalog.current_snapshot(con)
    finally:
        con.close()


def _rows(wh, table, snapshot=None):
    con = catalog.connect(catalog.location(wh), read_only=True, snapshot=snapshot)
    try:
        return sorted(catalog.read(con, table).to_pylist(), key=lambda r: tuple(str(v) for v in r.values()))
    finally:
        con.close()


def test_a_changed_article_is_replaced_whole_in_one_snapshot_and_the_old_one_stays_readable(tmp_path):
    first = _night(
        tmp_path, "r1", [_article("a"), _article("b")], [_mention("a", 1), _mention("a", 2), _mention("b", 1)]
    )
    second = _night(tmp_path, "r2", [_article("a", "y")], [_mention("a", 3, "y")], replaced={"a"})
    assert second > first
    assert [(r["article_id"], r["text"]) for r in _rows(tmp_path, "articles")] == [("a", "y"), ("b", "x")]
    assert [r["mention_id"] for r in _rows(tmp_path, "entity_mentions")] == ["a-3", "b-1"]
    # Time travel: the first night's rows, as it left them.
    assert [r["mention_id"] for r in _rows(tmp_path, "entity_mentions", first)] == ["a-1", "a-2", "b-1"]
    con = catalog.connect(catalog.location(tmp_path), read_only=True)
    try:
        assert [s.run_id for s in catalog.snapshots(con) if s.run_id] == ["r1", "r2"]
        assert catalog.find_snapshot(con, "r1").snapshot_id == first
    finally:
        con.close()


def _forms(wh):
    return sorted((r["entity_id"], r["mention_text"], r["mentions"]) for r in _rows(wh, "entity_forms"))


def _named(article_id, *names):
    """An article whose text is the names, one mention of the named entity each: ("Ann Lee", "e1")."""
    text, mentions = "", []
    for n, (name, entity_id) in enumerate(names):
        start = len(text)
        text += name + " "
        mentions.append(dict(_mention(article_id, n, name, entity_id), start_char=start, end_char=start + len(name)))
    return [_article(article_id, text)], mentions


PEOPLE = (
    {"entity_id": "e1", "canonical_name": "Ann", "entity_type": "PERSON"},
    {"entity_id": "e2", "canonical_name": "Acme", "entity_type": "ORG"},
)


def test_entity_forms_follow_the_mentions_as_articles_come_and_are_replaced(tmp_path):

    def night(run_id, *articles, replaced=()):
        rows = [_named(*a) for a in articles]
        return _night(tmp_path, run_id, [r for a, _ in rows for r in a], [m for _, ms in rows for m in ms],
                      replaced, entities=PEOPLE)  # fmt: skip

    ann, lee, acme = ("Ann Lee", "e1"), ("Lee", "e1"), ("Acme", "e2")
    night("r1", ("a", ann, lee), ("b", ann, acme))
    assert _forms(tmp_path) == [("e1", "Ann Lee", 2), ("e1", "Lee", 1), ("e2", "Acme", 1)]
    assert [r["canonical_name"] for r in _rows(tmp_path, "entities")] == ["Ann Lee", "Acme"]
    # a's new text no longer names Lee and names Acme twice; b is untouched.
    night("r2", ("a", acme, acme), replaced={"a"})
    assert _forms(tmp_path) == [("e1", "Ann Lee", 1), ("e2", "Acme", 3)]

    # A lake made before entity_forms and night_lease: the next night makes the lease and counts the forms.
    con = catalog.connect(catalog.location(tmp_path))
    try:
        with catalog.transaction(con):
            con.execute("DELETE FROM lake.entity_forms")
        con.execute("DROP TABLE lake.night_lease")
    finally:
        con.close()
    night("r3", ("c", lee))
    assert _forms(tmp_path) == [("e1", "Ann Lee", 1), ("e1", "Lee", 1), ("e2", "Acme", 3)]
    con = catalog.connect(catalog.location(tmp_path), read_only=True)
    try:
        assert con.execute("SELECT run_id FROM lake.night_lease").fetchall() == [("r3",)]
    finally:
        con.close()


def test_news_duckdb_shows_exactly_the_lake_rows_deleted_ones_left_out(tmp_path):
    import duckdb

    from nightdesk.load.migrate import checksum_sql
    from nightdesk.load.schemas import LAKE_TABLES
    from nightdesk.load.warehouse import publish_snapshot

    _night(tmp_path, "r1", [_article("a"), _article("b")], [_mention("a", 1), _mention("b", 1)])
    _night(tmp_path, "r2", [_article("a", "y")], [_mention("a", 2, "y")], replaced={"a"})
    lake = catalog.connect(catalog.location(tmp_path))
    try:
        publish_snapshot(tmp_path, lake, SEEDS_DIR)
        expected = {t: lake.execute(checksum_sql(t, f"lake.{t}")).fetchone() for t in LAKE_TABLES}
    finally:
        lake.close()
    con = duckdb.connect(str(tmp_path / "news.duckdb"), read_only=True)
    try:
        shown = {t: con.execute(checksum_sql(t, t)).fetchone() for t in LAKE_TABLES}
    finally:
        con.close()
    assert shown == expected and expected["entity_mentions"][0] == 2


def test_read_of_an_empty_lake_has_the_schema(tmp_path):
    catalog.connect(catalog.location(tmp_path), create=True).close()
    con = catalog.connect(catalog.location(tmp_path), read_only=True)
    try:
        empty = catalog.read(con, "quotes")
    finally:
        con.close()
    assert empty.num_rows == 0 and "speaker_entity_id" in empty.schema.names


def test_backfill_window_and_unchanged_articles(tmp_path):
    from datetime import date

    from nightdesk.extract.records import make_article
    from nightdesk.load.plan import plan_run
    from nightdesk.transform.rows import article_row
    from nightdesk.transform.version import PipelineVersion

    version = PipelineVersion("3-abc", "{}")

    old = make_article({"id": "a", "published": "2021-11-07"}, "Old news.", "a.txt", None)
    new = make_article({"id": "b", "published": "2021-12-01"}, "New news.", "b.txt", None)
    undated = make_article({"id": "c"}, "Undated news.", "c.txt", None)
    _night(tmp_path, "r1", [article_row(old, "r1", version.version)], [])
    loc = catalog.location(tmp_path)
    plan = plan_run([old, new, undated], loc, version)
    assert [a.source_id for a in plan.unchanged] == ["a"] and [a.source_id for a in plan.to_process] == ["b", "c"]
    window = plan_run([old, new, undated], loc, version, since=date(2021, 11, 15), until=date(2021, 12, 31))
    assert [a.source_id for a in window.to_process] == ["b"] and window.outside_window == 2
    again = plan_run([old], loc, version, reprocess=True)
    assert [a.source_id for a in again.to_process] == ["a"] and again.replaced_ids == {old.article_id}
    assert isinstance(old.published_at, datetime)


def test_a_committed_night_removes_every_staged_file_and_journal_entry_and_nothing_else(tmp_path):
    killed = "20211108T080000-bbbbbb"
    lk.begin_run(tmp_path, killed)
    lk.write_rows(lk.staging_dir(tmp_path, killed), "entity_mentions", [_mention("c", 1)], "b00000")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert list(lk.unfinished_runs(tmp_path)) == [killed]
    lk.finish_runs(tmp_path)
    assert not (tmp_path / lk.STAGING).exists() and lk.unfinished_runs(tmp_path) == {}
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_failed_run_takes_its_files_along_hidden_temporaries_too(tmp_path):
    failed = "20211108T080000-bbbbbb"
    lk.begin_run(tmp_path, failed)
    folder = lk.staging_dir(tmp_path, failed)
    staged = lk.write_rows(folder, "quotes", [], "b00000")
    half_written = folder / ".quotes-b00001.parquet.tmp-4242"
    half_written.write_bytes(b"PAR1")
    lk.discard_run(tmp_path, failed, "OSError: No space left on device")
    assert not staged.exists() and not half_written.exists()
    # Its journal entry stays, now saying why, for the next committing run to record in `runs`.
    assert lk.unfinished_runs(tmp_path)[failed]["error"] == "OSError: No space left on device"


def test_an_empty_folder_or_one_with_only_a_gitkeep_becomes_a_warehouse_and_others_are_refused(tmp_path):
    from nightdesk.load.folder import MARKER, NotAWarehouse, check_folder, claim

    for name in ("new", "empty", "kept"):
        (tmp_path / name).mkdir() if name != "new" else None
    (tmp_path / "kept" / ".gitkeep").write_text("", encoding="utf-8")  # as the repository's warehouse/
    for name in ("new", "empty", "kept"):
        claim(tmp_path / name)
        assert (tmp_path / name / MARKER).is_file()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(NotAWarehouse, match="holds notes.txt"):
        check_folder(other)
    assert [p.name for p in other.iterdir()] == ["notes.txt"]


def test_compaction_joins_small_files_and_every_snapshot_reads_as_before(tmp_path, monkeypatch):
    import duckdb

    from nightdesk.load import compact
    from nightdesk.load.history import changes_since
    from nightdesk.load.migrate import checksum_sql
    from nightdesk.load.schemas import LAKE_TABLES
    from nightdesk.load.warehouse import publish_snapshot

    for n, articles in enumerate(["ae", "b", "c", "d"]):
        rows = [_named(a, ("Ann Lee", "e1"), ("Acme", "e2")) for a in articles]
        _night(tmp_path, f"r{n}", sum((r[0] for r in rows), []), sum((r[1] for r in rows), []), entities=PEOPLE)
    # a's new text: the first night's file now has deletes (a's row), and e's row beside them is rewritten.
    _night(tmp_path, "r4", *_named("a", ("Acme", "e2")), replaced={"a"}, entities=PEOPLE)

    def state(con):
        snaps = [s.snapshot_id for s in catalog.snapshots(con) if s.run_id or s.note]
        rows = {}
        for snap in snaps:
            at = catalog.connect(catalog.location(tmp_path), read_only=True, snapshot=snap)
            try:
                rows[snap] = {t: at.execute(checksum_sql(t, f"lake.{t}")).fetchone() for t in LAKE_TABLES}
            finally:
                at.close()
        return rows, changes_since(con, "r0")

    con = catalog.connect(catalog.location(tmp_path))
    try:
        before = state(con)
        small = {t: n for t, (n, _size) in compact.table_files(con).items()}
        # One file a night; a file whose rows are all replaced goes (entity_forms' touched counts).
        assert (small["articles"], small["runs"], small["entity_forms"], small["quotes"]) == (5, 5, 1, 0)
        due = compact.compact(con, compact_files=4)
        assert due == [t for t, n in small.items() if n >= 4] and "articles" in due
        after_files = {t: n for t, (n, _size) in compact.table_files(con).items() if t in due}
        # One joined file, and the file rewritten without its deleted rows (joined at the next compaction).
        assert after_files == {"articles": 2, "entity_mentions": 2, "runs": 1}, after_files
        assert (catalog.snapshots(con)[-1].run_id, catalog.snapshots(con)[-1].note) == (None, "compaction")
        after = state(con)
        assert compact.compact(con, compact_files=4) == []  # nothing left to join
        publish_snapshot(tmp_path, con, SEEDS_DIR)
        expected = {t: con.execute(checksum_sql(t, f"lake.{t}")).fetchone() for t in LAKE_TABLES}
    finally:
        con.close()
    # Every earlier snapshot (time travel) and the change feed read exactly as before; the compaction snapshot
    # holds the last night's rows.
    assert {s: v for s, v in after[0].items() if s in before[0]} == before[0]
    assert after[0][max(after[0])] == before[0][max(before[0])]
    assert after[1] == before[1]
    news = duckdb.connect(str(tmp_path / "news.duckdb"), read_only=True)
    try:
        assert {t: news.execute(checksum_sql(t, t)).fetchone() for t in LAKE_TABLES} == expected
    finally:
        news.close()
