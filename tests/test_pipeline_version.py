"""The pipeline version is derived from the rules, the model and the code; a rule edit recomputes articles."""

from __future__ import annotations

import shutil

import pytest

from nightdesk import settings
from nightdesk.transform import version

from .night import nightly


def test_the_version_follows_every_rule_file_and_names_what_changed(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.SEEDS_DIR, seeds)
    config = settings.Settings(seeds_dir=seeds)
    before = version.pipeline_parts(config)
    assert {"model", "entity labels", "seeds/cue_verbs.csv", "seeds/event_triggers.csv"} <= set(before)
    assert "code transform/events/filters.py" in before
    with open(seeds / "cue_verbs.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    after = version.pipeline_parts(config)
    assert version.version_of(after) != version.version_of(before)
    import json

    assert version.what_changed(json.dumps(before), json.dumps(after)) == ["seeds/cue_verbs.csv"]
    assert version.version_of(version.pipeline_parts(config)) == version.version_of(after)  # stable


@pytest.mark.e2e
def test_editing_a_rule_file_recomputes_the_articles_on_the_next_run(seed_input, tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.SEEDS_DIR, seeds)
    monkeypatch.setenv("NIGHTDESK_SEEDS_DIR", str(seeds))
    wh = str(tmp_path / "wh")
    assert nightly(inputs=[str(seed_input)], warehouse=wh).articles_loaded == 1
    again = nightly(inputs=[str(seed_input)], warehouse=wh)
    assert (again.articles_loaded, again.articles_unchanged, again.articles_recomputed) == (0, 1, 0)
    with open(seeds / "cue_verbs.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    edited = nightly(inputs=[str(seed_input)], warehouse=wh)  # in the same process, as under `nightdesk serve`
    assert (edited.articles_loaded, edited.articles_recomputed) == (1, 1)
    assert edited.recomputed_because == ["seeds/cue_verbs.csv"]


def _edited_copy(tmp_path, module: str, old: str, new: str):
    code = tmp_path / "transform"
    shutil.copytree(version.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    path = code / module
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return code


def test_the_version_follows_the_code_of_every_module_that_shapes_rows_and_not_its_comments(tmp_path):
    before = version.code_parts()
    assert {"code transform/rows.py", "code transform/quotes/component.py", "code transform/text/syntax.py"} <= set(
        before
    )
    commented = _edited_copy(tmp_path / "a", "events/filters.py", "\n\n\ndef ", "\n\n\n# A comment says why.\ndef ")
    assert version.code_parts(commented) == before  # a comment, a docstring or a blank line shapes no row
    edited = _edited_copy(tmp_path / "b", "events/filters.py", '"often",', '"often", "seldom",')
    after = version.code_parts(edited)
    assert [k for k in before if before[k] != after[k]] == ["code transform/events/filters.py"]


@pytest.mark.e2e
def test_editing_a_module_that_shapes_rows_recomputes_the_articles_on_the_next_run(seed_input, tmp_path, monkeypatch):
    wh = str(tmp_path / "wh")
    assert nightly(inputs=[str(seed_input)], warehouse=wh).articles_loaded == 1
    monkeypatch.setattr(version, "CODE", _edited_copy(tmp_path, "rows.py", "CONTEXT_WORDS = 3", "CONTEXT_WORDS = 4"))
    edited = nightly(inputs=[str(seed_input)], warehouse=wh)
    assert (edited.articles_loaded, edited.articles_recomputed) == (1, 1)
    assert edited.recomputed_because == ["code transform/rows.py"]
