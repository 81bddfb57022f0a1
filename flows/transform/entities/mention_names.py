"""One mention's own name before clustering (component.py): honorifics, curated aliases and parties, a photo
credit's agency, a party word before a body or a place, a legislature a place owns."""

from __future__ import annotations

import re

from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.names import curated_aliases, name_key, normalize_name, party_forms, starts_with_honorific

_CREDIT = re.compile(r"[A-Z][\w.' -]{3,}\s*/\s*([A-Z][\w&.' -]*[\w.])")
_LEGISLATURES = {"Congress", "Senate", "House", "Assembly", "Legislature", "Parliament", "legislature"}


def mention_name(surface: str, label: str, rules: RuleSet) -> tuple[str, str]:
    """One mention's own normalized name and label, before clustering: honorific → PERSON, curated aliases applied."""
    if label != "PERSON" and starts_with_honorific(surface, rules):
        label = "PERSON"
    name = normalize_name(surface, label, rules)
    credit = _CREDIT.fullmatch(name)
    if credit:  # "Jonathan Drake / Reuters", "Handout/Reuters": a photo credit names the agency
        name, label = credit.group(1), "ORG"
    if label in ("ORG", "NORP") and gazetteer.load().is_major_place(name):
        label = "GPE"  # "Kyiv" tagged ORG (a capital standing for its government is still the place), "Omdurman" NORP
    words = name.split()
    if len(words) == 2 and name_key(words[0]) in party_forms(rules) and label in ("ORG", "GPE", "NORP", "FAC"):
        # "the Republican Congress", "a Democratic Senate", "Republican Wyoming": a party word qualifies the body
        # or the place, it does not make another one (the Republican National Committee is a name of its own).
        if words[1] in _LEGISLATURES:
            name, label = words[1], "ORG"
        elif gazetteer.load().is_major_place(words[1]):
            name, label = words[1], "GPE"
    aliases = curated_aliases(rules)
    curated = aliases.get(name_key(name)) or aliases.get(name_key(surface))
    if curated:
        name, label = curated
    return (name if any(ch.isalnum() for ch in name) else ""), label


_POSSESSIVE_GAP = re.compile(r"['’]s?\s+$")


def qualify_bodies(raw, names: list[str], labels: list[str], text: str) -> None:
    """ "Nigeria's Senate" is the Senate of Nigeria, not the U.S. Senate a bare "Senate" is elsewhere: a legislature
    a place owns by a possessive right before it is named with the place (so that no other country's joins it)."""
    for i in range(1, len(raw)):
        owned = labels[i - 1] == "GPE" and _POSSESSIVE_GAP.fullmatch(text[raw[i - 1][1] : raw[i][0]])
        if names[i] in _LEGISLATURES and names[i - 1] and owned:
            names[i] = f"{names[i]} of {names[i - 1]}"
