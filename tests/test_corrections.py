"""Entity corrections (nightdesk entities merge/split/rename/retype) stick: recorded in the warehouse, applied to every
build, through --reprocess and later nights."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nightdesk.cli import app
from nightdesk.load.corrections import CorrectionError, read_corrections

from .night import nightly
from .warehouse import forms_disagree, query

NEWS = "Iraqi Prime Minister Mustafa al-Kadhimi met Muqtada al-Sadr in Baghdad on Tuesday. Al-Kadhimi said talks went well."


def _id(wh, name):
    [(entity_id,)] = query(wh, "SELECT entity_id FROM entities WHERE canonical_name = ?", [name])
    return entity_id


def _type(wh, entity_id):
    return query(wh, "SELECT entity_type FROM entities WHERE entity_id = ?", [entity_id])[0][0]


def _ids_follow_mentions(wh):
    """Articles whose entity_ids are not the entities of their mentions (corrected): none."""
    return query(
        wh,
        "SELECT a.article_id FROM articles a LEFT JOIN (SELECT article_id, list(DISTINCT entity_id ORDER BY entity_id) "
        "AS ids FROM entity_mentions WHERE entity_id IS NOT NULL GROUP BY article_id) m USING (article_id) "
        "WHERE a.entity_ids IS DISTINCT FROM m.ids",
    )


def _state(wh, iran, iranian, kadhimi):
    return (
        query(wh, "SELECT count(*) FROM entities WHERE entity_id = ?", [iranian])[0][0],
        query(wh, "SELECT count(*) FROM entity_mentions WHERE entity_id = ? AND mention_text = 'Iranian'", [iran])[0][0],
        query(wh, "SELECT canonical_name FROM entities WHERE entity_id = ?", [kadhimi])[0][0],
        query(wh, "SELECT count(*) FROM entity_mentions WHERE entity_id = ? AND mention_text = 'al-Sadr'", [kadhimi])[0][0],
        query(wh, "SELECT canonical_name FROM entities e JOIN entity_mentions m USING (entity_id) "
                  "WHERE m.mention_text = 'Mr al-Kadhimi'")[0][0],
    )  # fmt: skip


@pytest.mark.e2e
def test_corrections_survive_reprocess_and_later_nights(seed_input, tmp_path):
    wh = tmp_path / "wh"
    nightly(inputs=[str(seed_input)], warehouse=str(wh))
    assert forms_disagree(wh) == []
    iran, iranian, kadhimi, sadr = (_id(wh, n) for n in ("Iran", "Iranian", "Mustafa al-Kadhimi", "Muqtada al-Sadr"))
    run = CliRunner().invoke
    w = ["--warehouse", str(wh)]
    assert run(app, ["entities", "merge", iran, iranian, *w]).exit_code == 0  # a (wrong) merge: Iranian into Iran
    assert run(app, ["entities", "merge", kadhimi, sadr, *w]).exit_code == 0  # two people made one ...
    split = run(app, ["entities", "split", kadhimi, "--alias", "Mr al-Kadhimi", *w])  # ... and one form split off
    assert split.exit_code == 0, split.output
    assert run(app, ["entities", "rename", kadhimi, "Mustafa Al-Kadhimi", *w]).exit_code == 0
    retyped = run(app, ["entities", "retype", iran, "org", *w])  # a (wrong) retype, to see it kept
    assert retyped.exit_code == 0 and "from GPE to ORG" in retyped.output, retyped.output
    corrected = (0, 4, "Mustafa Al-Kadhimi", 2, "Mr al-Kadhimi")
    assert _state(wh, iran, iranian, kadhimi) == corrected
    assert _type(wh, iran) == "ORG" and _ids_follow_mentions(wh) == []
    assert forms_disagree(wh) == []  # the corrections moved mentions to other entities: counted anew
    assert [r[0] for r in query(wh, "SELECT action FROM entity_corrections ORDER BY correction_no")] == [
        "merge", "merge", "split", "rename", "retype"
    ]  # fmt: skip
    assert [c.action for c in read_corrections(wh)] == ["merge", "merge", "split", "rename", "retype"]

    nightly(inputs=[str(seed_input)], warehouse=str(wh), reprocess=True)  # every article recomputed
    assert _state(wh, iran, iranian, kadhimi) == corrected
    assert _type(wh, iran) == "ORG" and _ids_follow_mentions(wh) == []
    assert forms_disagree(wh) == []  # every article replaced: its old counts subtracted, its new ones added
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "later.txt").write_text(NEWS, encoding="utf-8")
    nightly(inputs=[str(seed_input), str(extra)], warehouse=str(wh))  # a later night with news of the same people
    assert _state(wh, iran, iranian, kadhimi)[0] == 0 and _state(wh, iran, iranian, kadhimi)[2:4] == corrected[2:4]
    # The new article's "Muqtada al-Sadr" was resolved to the merged-away entity by the registry; the build merges it.
    new_sadr = query(
        wh,
        "SELECT m.entity_id FROM entity_mentions m JOIN articles a USING (article_id) "
        "WHERE a.source_id = 'later.txt' AND m.mention_text = 'Muqtada al-Sadr'",
    )
    assert new_sadr == [(kadhimi,)]
    assert forms_disagree(wh) == []
    assert _type(wh, iran) == "ORG" and _ids_follow_mentions(wh) == []

    # A wrong id is refused and changes nothing.
    refused = run(app, ["entities", "merge", kadhimi, "0000000000000000", *w])
    assert refused.exit_code == 1 and "no entity 0000000000000000" in refused.output
    refused = run(app, ["entities", "retype", kadhimi, "ROBOT", *w])
    assert refused.exit_code == 1 and "'ROBOT' is not one of" in refused.output
    assert len(read_corrections(wh)) == 5


def test_a_wrong_correction_line_is_named(tmp_path):
    (tmp_path / "corrections.csv").write_text(
        "action,entity_id,other,made_at\nmerge,a,b,\njoin,a,b,\n", encoding="utf-8"
    )
    with pytest.raises(
        CorrectionError, match=r"corrections.csv:3: action .join. is not one of merge, split, rename, retype"
    ):
        read_corrections(tmp_path)


def test_a_retype_names_a_known_type(tmp_path):
    (tmp_path / "corrections.csv").write_text(
        "action,entity_id,other,made_at\nretype,a,ORG,\nretype,a,COMPANY,\n", encoding="utf-8"
    )
    with pytest.raises(CorrectionError, match=r"corrections.csv:3: type 'COMPANY' is not one of PERSON, ORG"):
        read_corrections(tmp_path)


@pytest.mark.parametrize("width", [12, 30, 60, 200])
def test_entities_show_never_cuts_an_id_whatever_the_width(width, monkeypatch):
    import io

    from rich.console import Console

    from nightdesk.cli import common

    buffer = io.StringIO()
    monkeypatch.setattr(common, "out", Console(file=buffer, width=width))
    ids = ["5f0c2b8e1d9a7c34", "a1b2c3d4e5f60718"]
    rows = [(ids[0], "Hillary Rodham Clinton", "PERSON", 412, "Clinton | Hillary Clinton | Mrs. Clinton"),
            (ids[1], "Bill Clinton", "PERSON", 97, "Clinton | President Clinton")]  # fmt: skip
    common.print_rows(
        ["entity_id", "canonical_name", "entity_type", "mentions", "aliases"], rows, common.OutputFormat.table
    )
    shown = buffer.getvalue()
    assert all(i in shown for i in ids), shown
    assert "Bill Clinton" in shown and "412" in shown  # the rest is there too: a table, or a field a line
