import pytest

from nightdesk.settings import SEEDS_DIR
from nightdesk.transform.rules import load as load_rules
from nightdesk.transform.text.names import name_key, normalize_name


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        ("the United States", "GPE", "United States"),
        ("The Iraqi Ministry of Health", "ORG", "Iraqi Ministry of Health"),
        ("Mr. al-Kadhimi", "PERSON", "al-Kadhimi"),
        ("Mr al-Kadhimi", "PERSON", "al-Kadhimi"),
        ("Prime Minister Mustafa al-Kadhimi", "PERSON", "Mustafa al-Kadhimi"),
        ("Major General Saad Maan", "PERSON", "Saad Maan"),
        ("al-Kadhimi’s", "PERSON", "al-Kadhimi"),
        ("Barham Salih |", "PERSON", "Barham Salih"),
        ("z. Khatibzadeh", "PERSON", "Khatibzadeh"),
        ("President", "PERSON", "President"),  # nothing would be left: keep the word
    ],
)
def test_normalize_name(surface, label, expected):
    assert normalize_name(surface, label, load_rules(SEEDS_DIR)) == expected


def test_name_key_ignores_dots_and_case():
    assert name_key("U.S.") == name_key("US") == "us"
