"""How an event reads as a police action in the IndiaPoliceEvents score (flows/evaluate/ipe.py)."""

from __future__ import annotations

import pytest

from nightdesk.evaluate.ipe import actions


def _m(event_type, trigger, killed=None, arrested=None):
    return {"event_type": event_type, "trigger": trigger, "killed": killed, "injured": None, "arrested": arrested}


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        (_m("COERCE", "arrested"), {"ARREST"}),
        (_m("COERCE", "raid"), {"FORCE"}),
        (
            _m("ASSAULT", "killed"),
            {"KILL", "FORCE"},
        ),  # a killing is force too: IPE labels "killed in police firing" both
        (_m("ASSAULT", "opened", killed=2), {"KILL", "FORCE"}),
        (_m("COERCE", "booked"), {"ARREST"}),
        (_m("ASSAULT", "fired"), {"FORCE"}),
        (_m("COERCE", "detained", arrested=3), {"ARREST"}),
        (_m("ACCUSE", "blamed"), set()),
        (_m("PROTEST", "protest", arrested=4), {"ARREST"}),
    ],
)
def test_an_event_reads_as_the_police_action_it_reports(mention, expected):
    assert actions(mention) == expected
