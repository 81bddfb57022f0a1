from flows.load import lake as lk


def _mention(article_id, n):
    return {
        "mention_id": f"{article_id}-{n}",
        "article_id": article_id,
        "entity_id": None,
        "start_char": 0,
        "end_char": 1,
        "mention_text": "x",
        "label": "ORG",
    }


def _run(lake, run_id):
    from datetime import datetime

    row = {
        "run_id": run_id,
        "started_at": datetime(2021, 11, 7),
        "status": "completed",
        "articles_seen": 0,
        "articles_loaded": 0,
        "articles_unchanged": 0,
        "articles_rejected": 0,
        "pipeline_version": "2",
    }
    return lk.write_rows(lake, "runs", [row], run_id)


def test_drop_articles_rewrites_only_touched_files_and_gc_removes_the_old(tmp_path):
    a = lk.write_rows(tmp_path, "entity_mentions", [_mention("a", 1), _mention("b", 1)], "r1-b0")
    c = lk.write_rows(tmp_path, "entity_mentions", [_mention("c", 1)], "r1-b1")
    manifest = lk.empty_manifest()
    manifest["entity_mentions"] = [a, c]
    manifest["runs"] = [_run(tmp_path, "r1")]
    lk.commit_manifest(tmp_path, manifest, "r1")

    kept = lk.drop_articles(tmp_path, manifest["entity_mentions"], "entity_mentions", {"a"}, "r2")
    assert c in kept and a not in kept
    new = {**manifest, "entity_mentions": kept}
    assert sorted(lk.read_table(tmp_path, new, "entity_mentions").column("article_id").to_pylist()) == ["b", "c"]

    # Until commit, readers of the manifest still see the old state.
    assert lk.read_manifest(tmp_path)["entity_mentions"] == [a, c]
    lk.commit_manifest(tmp_path, new, "r2")
    assert lk.collect_garbage(tmp_path, new, previous=manifest) == 1
    assert not (tmp_path / a).exists()
    assert lk.read_manifest(tmp_path)["entity_mentions"] == kept


def test_read_table_of_nothing_has_the_schema(tmp_path):
    empty = lk.read_table(tmp_path, lk.empty_manifest(), "quotes")
    assert empty.num_rows == 0 and "speaker_entity_id" in empty.schema.names


def test_backfill_window_and_unchanged_articles(tmp_path):
    from datetime import date, datetime

    from flows.extract.records import make_article
    from flows.plan import plan_run
    from flows.transform.rows import article_row
    from flows.transform.version import PipelineVersion

    version = PipelineVersion("3-abc", "{}")

    old = make_article({"id": "a", "published": "2021-11-07"}, "Old news.", "a.txt", None)
    new = make_article({"id": "b", "published": "2021-12-01"}, "New news.", "b.txt", None)
    undated = make_article({"id": "c"}, "Undated news.", "c.txt", None)
    manifest = lk.empty_manifest()
    manifest["articles"] = [lk.write_rows(tmp_path, "articles", [article_row(old, "r1", version.version)], "r1")]
    plan = plan_run([old, new, undated], tmp_path, manifest, version)
    assert [a.source_id for a in plan.unchanged] == ["a"] and [a.source_id for a in plan.to_process] == ["b", "c"]
    window = plan_run(
        [old, new, undated], tmp_path, manifest, version, since=date(2021, 11, 15), until=date(2021, 12, 31)
    )
    assert [a.source_id for a in window.to_process] == ["b"] and window.outside_window == 2
    again = plan_run([old], tmp_path, manifest, version, reprocess=True)
    assert [a.source_id for a in again.to_process] == ["a"] and again.replaced_ids == {old.article_id}
    assert isinstance(old.published_at, datetime)


def test_gc_removes_only_files_a_run_can_account_for(tmp_path):
    committed, killed, unknown = "20211107T080000-aaaaaa", "20211108T080000-bbbbbb", "20211109T080000-cccccc"
    manifest = lk.empty_manifest()
    manifest["runs"] = [_run(tmp_path, committed)]
    live = lk.write_rows(tmp_path, "entity_mentions", [_mention("a", 1)], f"{committed}-b00000")
    manifest["entity_mentions"] = [live]
    replaced = lk.write_rows(tmp_path, "entity_mentions", [_mention("b", 1)], f"{committed}-b00001")
    lk.begin_run(tmp_path, killed)
    staged = lk.write_rows(tmp_path, "entity_mentions", [_mention("c", 1)], f"{killed}-b00000")
    newer = lk.write_rows(tmp_path, "entity_mentions", [_mention("d", 1)], f"{unknown}-b00000")  # not ours to judge
    foreign = lk.write_rows(tmp_path, "entity_mentions", [_mention("e", 1)], "someone-elses")
    lk.commit_manifest(tmp_path, manifest, committed)
    assert lk.collect_garbage(tmp_path, manifest) == 2
    assert {p for p in (live, replaced, staged, newer, foreign) if (tmp_path / p).exists()} == {live, newer, foreign}
    assert not (tmp_path / lk.JOURNAL / killed).exists()


def test_a_first_run_killed_after_staging_does_not_block_the_next(tmp_path):
    run_id = "20211108T080000-bbbbbb"
    lk.begin_run(tmp_path, run_id)
    lk.write_rows(tmp_path, "entity_mentions", [_mention("c", 1)], f"{run_id}-b00000")
    assert lk.read_manifest(tmp_path) == lk.empty_manifest()


def test_an_empty_folder_or_one_with_only_a_gitkeep_becomes_a_warehouse_and_others_are_refused(tmp_path):
    import pytest

    from flows.load.folder import MARKER, NotAWarehouse, check_folder, claim

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


def test_a_failed_run_takes_its_files_along_hidden_temporaries_too(tmp_path):
    committed, failed = "20211107T080000-aaaaaa", "20211108T080000-bbbbbb"
    manifest = lk.empty_manifest()
    manifest["runs"] = [_run(tmp_path, committed)]
    lk.commit_manifest(tmp_path, manifest, committed)
    lk.begin_run(tmp_path, failed)
    staged = lk.write_rows(tmp_path, "quotes", [], f"{failed}-b00000")
    half_written = tmp_path / "quotes" / f".{failed}-b00001.parquet.tmp-4242"
    half_written.write_bytes(b"PAR1")
    assert lk.discard_run(tmp_path, failed, "OSError: No space left on device") == 2
    assert not (tmp_path / staged).exists() and not half_written.exists()
    assert (tmp_path / manifest["runs"][0]).exists()
    # Its journal entry stays, now saying why, for the next committing run to record in `runs`.
    assert lk.unfinished_runs(tmp_path)[failed]["error"] == "OSError: No space left on device"
