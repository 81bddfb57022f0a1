"""Name normalization: the surface form of a mention → the form an entity is known by.

Rules data (titles and honorifics) lives in seeds/titles.csv, given as a RuleSet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from nightdesk.transform.rules import RuleSet

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$", re.IGNORECASE)
JOINERS = {"of", "for", "in", "on", "at", "and", "to", "by", "from", "with", "&"}  # words inside a name
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
# Punctuation that frames or trails a name without being part of it (OCR debris like a stray "|").
_EDGE_JUNK = "|¦•·*_~^`\"“”‘’'«»()[]{}<>,;:!?/\\-–— "


@cache
def titles(rules: RuleSet, kind: str | None = None) -> tuple[str, ...]:
    """Titles (kind "title") and honorifics (kind "honorific"), longest first so "Prime Minister" wins over "Minister"."""
    found = {r["title"].strip() for r in rules.rows("titles") if kind is None or r["kind"].strip() == kind}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def title_genders(rules: RuleSet) -> dict[str, str]:
    """Lower-case title → the gender it names ("mrs" → female, "congressman" → male), from titles.csv `gender`."""
    return {
        r["title"].strip().lower(): r["gender"].strip() for r in rules.rows("titles") if r.get("gender", "").strip()
    }


@cache
def _title_pattern(rules: RuleSet, kind: str | None = None) -> re.Pattern:
    alternatives = "|".join(r"\s*\.?\s*".join(map(re.escape, t.split())) for t in titles(rules, kind))
    return re.compile(rf"^(?:(?:{alternatives})\.?\s+)+", re.IGNORECASE)


@cache
def single_word_titles(rules: RuleSet, kind: str | None = None) -> frozenset[str]:
    """The titles of one word, in lower case ("secretary", "captain"; with kind None the honorifics too)."""
    return frozenset(t.lower() for t in titles(rules, kind) if " " not in t)


def starts_with_honorific(text: str, rules: RuleSet) -> bool:
    """ "Mr al-Kadhimi" names a person whatever label the model gave it."""
    stripped = _LEADING_ARTICLE.sub("", " ".join(text.split()))
    match = _title_pattern(rules, "honorific").match(stripped)
    return bool(match) and stripped[match.end() :][:1].isalpha()


def without_titles(text: str, rules: RuleSet) -> str:
    """What is left of a span once its leading article and titles are gone ("the Shadow Home" → "Home")."""
    stripped = _LEADING_ARTICLE.sub("", " ".join(text.split())).strip(_EDGE_JUNK)
    return _title_pattern(rules).sub("", stripped + " ").strip()


def starts_with_title(text: str, rules: RuleSet) -> bool:
    """Does the text begin with a capitalised title ("Secretary Suella Braverman")?"""
    return text[:1].isupper() and bool(_title_pattern(rules, "title").match(text + " "))


@cache
def generic_names(rules: RuleSet) -> frozenset[str]:
    """Bare common nouns used as names ("Court", "Ministry"), as name keys: they name a different thing in every
    article, or only a title's portfolio ("Home" of "Home Secretary")."""
    return frozenset(name_key(r["name"]) for r in rules.rows("generic_names"))


def strip_possessive(text: str) -> str:
    # "al-Kadhimi’s" → "al-Kadhimi"; "ministers’" → "ministers"; never a bare "s" left over.
    stripped = _POSSESSIVE.sub(lambda m: "" if m.group(0)[0] in "'’" else "s", text)
    return stripped if len(stripped) > 1 else text


def normalize_name(text: str, label: str, rules: RuleSet) -> str:
    """Canonical surface form: no leading article, title, possessive or edge debris; spaces collapsed."""
    name = unicodedata.normalize("NFC", " ".join(text.split()))
    name = name.strip(_EDGE_JUNK)
    name = _LEADING_ARTICLE.sub("", name)
    if label != "PERSON":
        # "According to Rathbun the Scientology property": a missing comma fused two phrases into one span.
        # A lowercase "the" inside a name that no preposition introduces marks where the real name starts.
        fused = re.search(r"^(?:\S+\s+)*?(\S+)\s+the\s+(?=[A-Z])", name)
        if fused and fused.group(1).lower() not in JOINERS:
            name = name[fused.end() :]
    if label == "PERSON":
        without_title = _title_pattern(rules).sub("", name)
        if without_title.strip():
            name = without_title
        # A lone initial left by OCR ("z. Khatibzadeh") is debris, not part of the name.
        name = re.sub(r"^[a-z]\.\s+(?=[A-Z])", "", name)
    name = strip_possessive(name.strip(_EDGE_JUNK)).strip(_EDGE_JUNK)
    return name


_LEGAL_FORMS = {
    "inc",
    "corp",
    "corporation",
    "ltd",
    "llc",
    "plc",
    "co",
    "gmbh",
    "llp",
}  # not "AG", "SA": an attorney general, a state
_SEPARATORS = re.compile(r"[\s\-‐–]+")


def _folded_tokens(name: str) -> list[str]:
    """The name's words with case, accents and dots ignored and hyphens as spaces."""
    if name.isascii():  # most names: nothing to decompose (the same key, a third of the time)
        folded = name.lower()
    else:
        folded = unicodedata.normalize("NFKD", name).casefold()
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [t for t in _SEPARATORS.split(folded.replace(".", "")) if t]


def _ends_in_legal_form(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and tokens[-1] in _LEGAL_FORMS


def has_legal_form(name: str) -> bool:
    """ "News Corp.", "Apple Inc": a company's full name, however short its key ("news")."""
    return _ends_in_legal_form(_folded_tokens(name))


def name_key(name: str) -> str:
    """Comparison key: case, dots and hyphen/space differences ignored ("U.S." = "US")."""
    tokens = _folded_tokens(name)
    # A legal form does not make another company: "Apple Inc" is "Apple" (the cleanco package knows every country's
    # forms; these are the ones English-language news writes).
    if _ends_in_legal_form(tokens):
        tokens = tokens[:-1]
    # A middle initial does not make another name: "Donald J. Trump" is "Donald Trump".
    if len(tokens) > 2:
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if not (len(t) == 1 and t.isalpha())] + [tokens[-1]]
    return " ".join(tokens)


@cache
def curated_aliases(rules: RuleSet) -> dict[str, tuple[str, str]]:
    """name key of an alias → (canonical name, type), from seeds/aliases.csv, and every written form of a political
    party → the party (seeds/parties.csv: a member's "Republican" carries the Republican Party's id)."""
    table = {name_key(r["form"]): (r["party"].strip(), "ORG") for r in rules.rows("parties")}
    table.update({name_key(r["alias"]): (r["canonical"].strip(), r["type"].strip()) for r in rules.rows("aliases")})
    for canonical, etype in set(table.values()):
        table.setdefault(name_key(canonical), (canonical, etype))
    return table


@cache
def party_names(rules: RuleSet) -> frozenset[str]:
    """name keys of the parties of seeds/parties.csv ("democratic party")."""
    return frozenset(name_key(r["party"]) for r in rules.rows("parties"))


@cache
def party_forms(rules: RuleSet) -> frozenset[str]:
    """name keys of the one-word forms of the parties in seeds/parties.csv ("republican", "gop", "tory")."""
    return frozenset(name_key(r["form"]) for r in rules.rows("parties") if " " not in r["form"].strip())


@cache
def _first_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(word: str) -> str | None:
    """ "female", "male" or "either" for a word that is a first name in the gender-guesser list (about 40,000 names
    of many countries), None for one that is not ("Crooked", "Standard")."""
    found = _first_names().get_gender(word.strip(".")) if word[:1].isalpha() else "unknown"
    if found == "unknown":
        return None
    return {"female": "female", "mostly_female": "female", "male": "male", "mostly_male": "male"}.get(found, "either")


def sure_gender(word: str) -> str | None:
    """ "female" or "male" only for a first name the list gives to one gender alone ("Hillary", "Donald"); None for
    "mostly" names ("Terry"), names of either gender and words that are no first name."""
    found = _first_names().get_gender(word.strip(".")) if word[:1].isalpha() else "unknown"
    return found if found in ("female", "male") else None
