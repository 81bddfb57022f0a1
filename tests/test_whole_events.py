"""Whole-article event scoring: the gold file's format, where its mentions land, and how events are matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from nightdesk.evaluate.whole_events import GoldError, actor_right, parse_gold, place, score
from nightdesk.extract.discover import extract_inputs
from nightdesk.settings import SEEDS_DIR

from .conftest import SHARED

GOLD = Path(__file__).parent / "data" / "event_gold"

TEXT = "Rebels attack town.\n\nRebels attacked the town of Abc on Monday, and police arrested two men. The attack was condemned."
GOLD_TEXT = """
## doc
ASSAULT | attacked | Rebels attacked the town | Rebels | 2024-01-01 | occurred
+ attack | Rebels attack town.
+ attack | The attack was condemned
COERCE | arrested | police arrested two | police | - | occurred
?ACCUSE | condemned | was condemned | - | - | occurred
"""


def _system(event_type, *triggers, actor=None, date=None):
    spans = [(TEXT.index(t), TEXT.index(t) + len(t)) for t in triggers]
    return {
        "event_type": event_type,
        "trigger": triggers[0],
        "start_char": spans[0][0],
        "spans": spans,
        "actor_text": actor,
        "actor_name": None,
        "event_date": date,
    }


def test_parse_reads_events_mentions_and_optional_lines():
    gold = parse_gold(GOLD_TEXT)["doc"]
    assert [g.types for g in gold] == [("ASSAULT",), ("COERCE",), ("ACCUSE",)]
    assert [len(g.mentions) for g in gold] == [3, 1, 1] and [g.optional for g in gold] == [False, False, True]
    assert gold[0].date == "2024-01-01" and gold[1].date is None and gold[1].actors == ("police",)
    with pytest.raises(GoldError, match="line 2"):
        parse_gold("## doc\nASSAULT | attacked | too few fields")


def test_a_split_happening_costs_precision_and_optional_events_count_neither_way():
    gold = parse_gold(GOLD_TEXT)
    place(gold, {"doc": TEXT})
    one = [_system("ASSAULT", "attacked", "attack", actor="Rebels", date="2024-01-01"), _system("COERCE", "arrested")]
    s = score(gold, {"doc": one}, {"doc": TEXT})
    assert (s.matched, s.system, s.gold) == (2, 2, 2) and s.prf[0] == 1.0
    assert s.actor_right == 1 and (s.dated, s.date_right) == (1, 1)  # the arrest has no actor but gold names police
    split = [_system("ASSAULT", "attacked"), _system("ASSAULT", "The attack"), _system("ACCUSE", "condemned")]
    s = score(gold, {"doc": split}, {"doc": TEXT})
    assert (s.matched, s.system, s.ignored) == (1, 3, 1) and s.prf[0] == 0.5 and s.prf[1] == 0.5
    wrong_type = [_system("PROTEST", "attacked")]
    assert score(gold, {"doc": wrong_type}, {"doc": TEXT}).matched == 0


def test_actor_right_by_content_words_and_dash_for_no_actor():
    assert actor_right({"actor_text": "the police", "actor_name": None}, ("police",))
    assert actor_right({"actor_text": "he", "actor_name": "Norman Ham"}, ("Ham",))
    assert not actor_right({"actor_text": "he", "actor_name": None}, ("Ham",))
    assert actor_right({"actor_text": None, "actor_name": None}, ("-", "terrorists"))
    assert not actor_right({"actor_text": None, "actor_name": None}, ("police",))


def test_every_committed_gold_mention_lands_once_in_its_article():
    """The gold reads the articles as the extractor stores them; a context that moved or repeats is an error."""
    gold = parse_gold((GOLD / "events.txt").read_text(encoding="utf-8"))
    inputs = [SEEDS_DIR / "articles"]
    polnear = SHARED / "eval" / "polnear-dev" / "articles.jsonl"
    if polnear.exists():
        inputs.append(polnear)
    texts = {a.source_id: a.text for a in extract_inputs(inputs).articles}
    gold = {k: v for k, v in gold.items() if k in texts}
    assert len(gold) >= (38 if polnear.exists() else 13)
    place(gold, texts)
    required = [g for events in gold.values() for g in events if not g.optional]
    assert all(g.spans for g in required) and len(required) >= 40
