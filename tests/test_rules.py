"""Rule files are data, read once and checked row by row; a wrong row names its file and line."""

from __future__ import annotations

import shutil

import pytest

from nightdesk import settings
from nightdesk.transform import rules

from .night import nightly


def _append(path, line):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def _lines(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_shipped_rule_files_are_valid_and_plover_has_16_types():
    shipped = rules.load(settings.SEEDS_DIR)
    assert len(shipped.plover_types()) == 16 and "ASSAULT" in shipped.plover_types()


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        ("cue_verbs.csv", "shout,loudly,", "frame 'loudly' is not a cue frame"),
        ("event_triggers.csv", "bombard,VERB,SHELLING,,,", "event_type 'SHELLING' is not a PLOVER type"),
        ("event_triggers.csv", "attack,ADJ,ASSAULT,,,", "pos 'ADJ' is not a trigger part of speech"),
        ("event_modes.csv", "ASSAULT,drone,drone", "the same event_type, keyword as line"),
        ("aliases.csv", "UK,United Kingdom,COUNTRY", "type 'COUNTRY' is not an entity type"),
        ("titles.csv", ",title", "empty title"),
        ("event_words.csv", "attack,weapon,", "role 'weapon' is not an event word role"),
        ("cue_verbs.csv", "say,clause,", "the same lemma as line 2"),
    ],
)
def test_a_wrong_row_is_named_by_file_and_line(seeds, file, row, message):
    _append(seeds / file, row)
    with pytest.raises(rules.RuleFileError) as failed:
        rules.load(seeds)
    assert str(failed.value).startswith(f"{seeds / file}:{_lines(seeds / file)}: ")  # the file a person must edit
    assert message in str(failed.value)


def test_a_missing_column_and_an_unknown_rule_file_are_refused(seeds):
    (seeds / "cue_verbs.csv").write_text("verb,frame\nsay,clause\n", encoding="utf-8")
    with pytest.raises(rules.RuleFileError, match=r"/seeds/cue_verbs.csv:1: missing column lemma"):
        rules.load(seeds)
    shutil.copy(seeds / "titles.csv", seeds / "titels.csv")
    (seeds / "cue_verbs.csv").write_text("lemma,frame\nsay,clause\n", encoding="utf-8")
    with pytest.raises(rules.RuleFileError, match="/seeds/titels.csv: not a rule file"):
        rules.load(seeds)


@pytest.mark.e2e
def test_a_broken_rule_row_fails_the_run_before_any_work(seeds, seed_input, tmp_path):

    _append(seeds / "event_triggers.csv", "bombard,VERB,SHELLING,,,")
    with pytest.raises(
        rules.RuleFileError, match=rf"seeds/event_triggers.csv:{_lines(seeds / 'event_triggers.csv')}: "
    ):
        nightly(inputs=[str(seed_input)], warehouse=str(tmp_path / "wh"))
    assert not (tmp_path / "wh" / "news.duckdb").exists()


def test_a_rules_folder_without_every_rule_file_is_refused_naming_what_is_missing(tmp_path):
    (tmp_path / "cue_verbs.csv").write_text("lemma,frame\nsay,clause\n", encoding="utf-8")
    with pytest.raises(rules.RuleFileError, match=r"no rule file plover_types.csv, titles.csv, .*NIGHTDESK_SEEDS_DIR"):
        rules.load(tmp_path)


def test_an_edited_rule_file_is_read_again_without_restarting(seeds):
    """A long-lived `nightdesk serve` process must see tonight's edit, not the rules it cached last night."""
    before = rules.load(seeds)
    assert "mutter" not in {r["lemma"] for r in before.rows("cue_verbs")}
    _append(seeds / "cue_verbs.csv", "mutter,clause,")
    assert "mutter" in {r["lemma"] for r in rules.load(seeds).rows("cue_verbs")}
    assert rules.load(seeds) is rules.load(seeds)  # unchanged files: the same checked set, read once


def test_the_components_take_their_rules_from_their_config(seeds):
    """Built from a rules folder given in the config: no setting read inside a component."""
    import spacy

    import nightdesk.transform.quotes.component  # noqa: F401  (registers the factory)

    text = "The minister muttered that the talks had failed completely."
    nlp = spacy.load(settings.Settings().spacy_model, exclude=["ner"])
    shipped = nlp.add_pipe("nightdesk_quotes", config={"seeds_dir": str(settings.SEEDS_DIR)})
    assert nlp(text)._.nd_quotes == []  # "mutter" is no cue verb in the shipped rules
    _append(seeds / "cue_verbs.csv", "mutter,clause,")
    nlp.remove_pipe("nightdesk_quotes")
    nlp.add_pipe("nightdesk_quotes", config={"seeds_dir": str(seeds)})
    [quote] = nlp(text)._.nd_quotes
    assert quote.cue == "muttered" and quote.speaker_text == "The minister"
    assert shipped.rules is rules.load(settings.SEEDS_DIR)
