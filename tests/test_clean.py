from hypothesis import given
from hypothesis import strategies as st

from nightdesk.extract.clean import clean_text


def test_cleaning_rules_keep_what_matters():
    raw = "\n\n\n  The  prime\tminister’s  “home”  \r\n\r\n\r\n\r\nSecond\u00a0para \u200bhere.  \n"
    assert clean_text(raw).text == "The prime minister’s “home”\n\nSecond para here."


def test_nfc_and_offsets_map_back_to_raw():
    raw = "  Cafe\u0301 owner  said."
    cleaned = clean_text(raw)
    assert cleaned.text == "Caf\u00e9 owner said."
    start = cleaned.text.index("owner")
    a, b = cleaned.raw_span(start, start + len("owner"))
    assert raw[a:b] == "owner"


@given(st.text())
def test_clean_never_raises_and_maps_every_character(raw):
    cleaned = clean_text(raw)
    assert len(cleaned.source_index) == len(cleaned.text)
    assert list(cleaned.source_index) == sorted(cleaned.source_index)
    assert cleaned.text == cleaned.text.strip()
    assert "\n\n\n" not in cleaned.text and "  " not in cleaned.text
    for i, ch in enumerate(cleaned.text):
        origin = raw[cleaned.source_index[i]]
        assert ch == origin or ch in " \n" or not origin.isascii() or origin in "\r\t"
