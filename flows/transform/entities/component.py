"""Within-article entity clustering: every mention of one thing gets one canonical name and type.

Rules, in order: curated aliases (seeds/aliases.csv); label repair (one name, one type: the majority); short
forms linked to the one longer name in the article that carries them (surname or first name of a person;
head or suffix of an organisation or place; an acronym of its long form or defined in parentheses). A short
form that fits several longer names stays on its own: a wrong merge is worse than a missed one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nightdesk.settings import DEFAULT_ENTITY_LABELS
from nightdesk.transform import rules as rule_files
from nightdesk.transform.entities.mention_names import mention_name, qualify_bodies
from nightdesk.transform.entities.name_spans import names_in
from nightdesk.transform.entities.short_names import load as load_short_names
from nightdesk.transform.entities.short_names import per_mention
from nightdesk.transform.linear import Linear
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.doccache import cached
from nightdesk.transform.text.doccache import text as text_of
from nightdesk.transform.text.names import first_name_gender, has_legal_form, name_key, party_names

# Labels that name the same kinds of things, so a mislabelled mention may join a cluster of the other label.
_NAMED_THINGS = {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
# spaCy often tags a bare surname as ORG, GPE or NORP: it may still join a person's cluster.
_PERSON_MISLABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "di", "on", "in", "&"}
# The particles of surnames ("al-Kadhimi", "van der Berg", "bin Salman"): the start of a surname, not a first name.
_PARTICLES = {
    "al",
    "el",
    "van",
    "von",
    "der",
    "de",
    "di",
    "da",
    "del",
    "della",
    "bin",
    "ben",
    "abu",
    "le",
    "la",
    "du",
    "mac",
}
_LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")


@dataclass(frozen=True)
class Mention:
    start_char: int
    end_char: int
    text: str
    label: str  # the label the cluster settled on (may repair spaCy's)
    canonical: str  # the cluster's canonical name; empty when nothing nameable is left


_PLACES = {"GPE", "LOC"}
_PREPOSITIONS = {"of", "for", "in", "at", "on", "de", "del", "di", "du"}


def compatible(short_label: str, long_label: str, short_name: str | None = None) -> bool:
    """May a mention labelled `short_label` be a short form of a name labelled `long_label`? With the short form's
    name, a "place" that is no place in the gazetteer may still be a person's surname ("Lukaku" tagged GPE)."""
    if short_label == long_label:
        return True
    if short_label in _PLACES and long_label not in _PLACES:
        # "Irving" in "Irving Independent School District" names the town, not the district
        return long_label == "PERSON" and short_name is not None and gazetteer.load().resolve(short_name) is None
    if long_label == "PERSON":
        return short_label in _PERSON_MISLABELS
    if short_label == "PERSON":
        return long_label in _NAMED_THINGS  # "Firefox" tagged PERSON, of "Mozilla Firefox"
    return short_label in _NAMED_THINGS and long_label in _NAMED_THINGS


def _tokens(name: str) -> list[str]:
    return name_key(name).split()


def _acronym_of(short: str, long: str) -> bool:
    letters = re.sub(r"[.\s]", "", short)
    digits = ""
    m = re.fullmatch(r"([A-Z]{2,8})(\d*)", letters)
    if not m:
        return False
    letters, digits = m.groups()
    words = [w for w in re.split(r"[\s\-]+", long) if w and w.lower() not in _ACRONYM_SKIP]
    if digits:
        if not words or words[-1] != digits:
            return False
        words = words[:-1]
    initials = "".join(w[0] for w in words if w[0].isalpha()).upper()
    return len(words) >= 2 and initials == letters


def short_form_of(short: list[str], long: list[str], long_label: str, written: tuple[str, str] | None = None) -> bool:
    """Is `short` (tokens) the part of `long` a writer uses alone on later mentions? `written`: the two names as the
    article writes them, where it has them."""
    if written is not None and has_legal_form(written[0]):
        return False  # "News Corp." is a company's full name, not the "News" of "Fox News"
    n = len(short)
    if n >= len(long):
        return False
    if long_label == "PERSON":
        # The surname, or a first name alone ("Ahmed" of "Ahmed Mohamed"). A first and last name is a name of its
        # own, not the tail of another's ("Angela Davis" is not "Michaela Angela Davis").
        if n >= 2 and short[0] != long[0] and short[0] not in _PARTICLES and first_name_gender(short[0]) is not None:
            return False
        if n == 2 and (short[0], short[-1]) == (long[0], long[-1]) and all(len(t) > 2 for t in long[1:-1]):
            return True  # without the middle name: "Hillary Clinton" of "Hillary Rodham Clinton" (not of "George H.W.")
        return long[-n:] == short or (n == 1 and long[0] == short[0])
    places = gazetteer.load()
    if places.drops_a_modifier(short, long) or places.different_places(" ".join(short), " ".join(long)):
        return False  # "Virginia" of "West Virginia", "Sudan" of "South Sudan": another place
    if long[-n:] == short:
        # The head: "Chrome" of "Google Chrome", "Scientology" of "Church of Scientology". (A place that is the
        # complement, "Australia" of "Medical Journal of Australia", is kept apart by `compatible`.)
        return True
    # The head before its complement: "Church" of "Church of Scientology", not "Google" of "Google Science Fair";
    # and not where the long name's first word is written in lower case and the short one's not: "the State
    # Department" is no short form of "the state Department of Revenue Services" (a state's, not the federal one).
    if written is not None and written[0][:1].isupper() != written[1][:1].isupper():
        return False
    return long[:n] == short and long[n] in _PREPOSITIONS


_POSSESSIVE_END = re.compile(r"['’]s?$")


def _variants(tokens: list[str], possessive: bool) -> list[list[str]]:
    # "al-Kadhimis’s" is a typo'd possessive of "al-Kadhimi": also try without a trailing plural s. Without a
    # possessive, a plural surname is a family ("the Clintons"), not one of them.
    out = [tokens]
    if possessive and tokens and len(tokens[-1]) > 3 and tokens[-1].endswith("s"):
        out.append(tokens[:-1] + [tokens[-1][:-1]])
    return out


def cluster_mentions(
    raw: list[tuple[int, int, str, str]], rules: RuleSet, text: str = "", model: Linear | None = None
) -> list[Mention]:
    """raw: (start_char, end_char, surface, spaCy label) → mentions with canonical names and repaired labels; `model`
    decides bare surnames mention by mention (short_names.py; None: the article-level choice)."""
    final, display, label_of, placed = groups(raw, rules, text, model)
    out = []
    for (start, end, surface, _label), root in zip(raw, final, strict=True):
        if root is None:
            out.append(Mention(start, end, surface, _label, ""))
            continue
        out.append(Mention(start, end, surface, label_of[root], _located(display[root], placed.get(root))))
    return out


def groups(raw: list[tuple[int, int, str, str]], rules: RuleSet, text: str, model: Linear | None):
    """Each mention's cluster (its root key, None for no name), the clusters' display names and labels, and the
    places an apposition puts in a country (also what flows/evaluate/entity_kinds.py compares with readers' kinds)."""
    names, key_label, display, roots, placed = clusters(raw, rules, text)
    decided = per_mention(raw, names, display, roots, text, rules, model)  # "Clinton" mention by mention
    final = [decided.get(i, roots[i]) if name else None for i, name in enumerate(names)]
    lower_words = set(re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", text))
    label_of = {}
    for root in {r for r in final if r}:
        label_of[root] = key_label[root]
        if label_of[root] == "PERSON" and _no_person_name(display[root], lower_words):
            label_of[root] = "ORG"
    return final, display, label_of, placed


def clusters(raw: list[tuple[int, int, str, str]], rules: RuleSet, text: str = ""):
    """The article-level clustering: each mention's name, each name key's label, display form and root (the key of
    the name it is a form of: None for a mention with no name), and the places an apposition puts in a country."""
    names: list[str] = []
    labels: list[str] = []
    for _start, _end, surface, label in raw:
        name, label = mention_name(surface, label, rules)
        names.append(name)
        labels.append(label)
    qualify_bodies(raw, names, labels, text)

    # Label repair: one name, one type (the majority; ties by a fixed priority).
    by_key: dict[str, Counter] = {}
    for name, label in zip(names, labels, strict=True):
        if name:
            by_key.setdefault(name_key(name), Counter())[label] += 1
    key_label = {
        k: max(c, key=lambda lab: (c[lab], -_LABEL_PRIORITY.index(lab) if lab in _LABEL_PRIORITY else -99))
        for k, c in by_key.items()
    }

    keys = _keys(names)
    key_counts = Counter(k for k in keys if k)
    possessive = {
        name_key(n)
        for n, (_s, _e, surface, _l) in zip(names, raw, strict=True)
        if n and _POSSESSIVE_END.search(surface)
    }

    placed = _placed_by_apposition(raw, names, labels, text)

    # One node per distinct key; short forms point at the longer node they abbreviate.
    display: dict[str, str] = {}
    for name in names:
        if name:
            k = name_key(name)
            if k not in display or _is_better_form(name, display[k]):
                display[k] = name
    parent: dict[str, str] = {k: k for k in display}
    keys_by_length = sorted(
        display, key=lambda k: (-len(k.split()), k)
    )  # longest first: roots settle before their short forms
    parties = party_names(rules)
    for k in keys_by_length:
        if k in parties:
            continue  # a national party is no short form of a state's ("the South Carolina Democratic Party")
        tokens = k.split()
        label = key_label[k]
        candidates = set()
        for other in display:
            if other == k or len(other.split()) <= len(tokens):
                continue
            other_label = key_label[other]
            if not compatible(label, other_label, display[k]):
                continue
            if label == "NORP" and other_label != "PERSON":
                continue
            if k in placed and gazetteer.country_code_of(display[other]) not in (None, placed[k]):
                continue  # "Macedonia, a region of Greece" is not North Macedonia
            if any(
                short_form_of(v, other.split(), other_label, (display[k], display[other]))
                for v in _variants(tokens, k in possessive)
            ) or _acronym_of(display[k], display[other]):
                candidates.add(other)
        defined = _parenthetical_long_form(k, display, raw, names, text, keys)
        if defined:
            candidates = {defined}
        root = _dominant({_find(parent, c) for c in candidates}, key_counts, parent)
        if root:
            parent[k] = root

    _join_same_places(display, key_label, parent, key_counts)
    roots = [_find(parent, name_key(name)) if name else None for name in names]
    return names, key_label, display, roots, placed


def _no_person_name(name: str, lower_words: set[str]) -> bool:
    """ "Patriot Coal" tagged PERSON throughout an article about coal: a name that opens with no first name and ends
    with a word the article writes in lower case is a company's, not a person's ("Jim Justice" opens with one)."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in lower_words and first_name_gender(words[0]) is None


# "Macedonia, a region of Greece", "Springfield, a city in Illinois": the text itself says where a place is.
_PLACED = re.compile(
    r",\s+(?:a|an|the)\s+(?:[a-z]+\s+){0,2}(?:region|province|city|town|village|state|county|district|area)\s+"
    r"(?:of|in)\s+(?:the\s+)?([A-Z]\w*(?:[ -][A-Z]\w*){0,3})"
)


def _placed_by_apposition(raw, names: list[str], labels: list[str], text: str) -> dict[str, str]:
    """name key → the country code an apposition right after one of its mentions puts it in."""
    found = {}
    for (_start, end, _surface, _label), name, label in zip(raw, names, labels, strict=True):
        match = _PLACED.match(text, end) if name and label in _PLACES and text else None
        country = gazetteer.country_code_of(match.group(1)) if match else None
        if country:
            found[name_key(name)] = country
    return found


def _located(name: str, country: str | None) -> str:
    """A place the text puts in a country it is not known in is named with that country ("Macedonia (Greece)"), so
    no other article's "Macedonia" (the country North Macedonia, by its former name) is taken for it."""
    if country is None or gazetteer.country_code_of(name) == country:
        return name
    where = gazetteer.load().country_name(country)
    return f"{name} ({where})" if where else name


def _join_same_places(display: dict[str, str], key_label: dict[str, str], parent: dict[str, str], counts) -> None:
    """Names of one GeoNames place are one entity: "Washington D.C." and "Washington", "Kiev" and "Kyiv"."""
    places = gazetteer.load()
    by_place: dict[int, list[str]] = {}
    for k, name in display.items():
        place = places.resolve(name) if key_label[k] in _PLACES else None
        if place is not None:
            by_place.setdefault(place.geonames_id, []).append(k)
    for keys in by_place.values():
        roots = {_find(parent, k) for k in keys}
        if len(roots) > 1:
            main = max(roots, key=lambda r: (counts[r], len(r.split()), r))
            for r in roots - {main}:
                parent[r] = main


def _dominant(roots: set[str], key_counts: Counter, parent: dict[str, str]) -> str | None:
    """The one root, or among several the one mentioned at least twice as often as any other (the story's subject)."""
    if len(roots) <= 1:
        return next(iter(roots), None)
    weight = {r: sum(c for k, c in key_counts.items() if _find(parent, k) == r) for r in roots}
    ranked = sorted(roots, key=lambda r: -weight[r])
    return ranked[0] if weight[ranked[0]] >= 2 * weight[ranked[1]] else None


def _find(parent: dict[str, str], k: str) -> str:
    while parent[k] != k:
        k = parent[k]
    return k


def _is_better_form(candidate: str, current: str) -> bool:
    # Prefer capitalised proper forms ("United Nations" over "united nations"), then the longer.
    score = lambda s: (sum(ch.isupper() for ch in s[:1]), len(s))  # noqa: E731
    return score(candidate) > score(current)


def _keys(names: list[str]) -> list[str | None]:
    """The name keys of an article's names, made once per article rather than once per pair."""
    return [name_key(n) if n else None for n in names]


def _parenthetical_long_form(k, display, raw, names, text, keys) -> str | None:
    """'Union of Rationalist Atheists (UAAR)': the acronym is defined by the name just before it (`keys`: the names'
    keys)."""
    if not text:
        return None
    for i, ((start, _end, _s, _l), name) in enumerate(zip(raw, names, strict=True)):
        if not name or keys[i] != k or i == 0:
            continue
        prev_start, prev_end, _ps, _pl = raw[i - 1]
        between = text[prev_end:start]
        prev_name = names[i - 1]
        if (
            prev_name
            and re.fullmatch(r"\s*\(\s*", between)
            and len(prev_name.split()) > len(k.split())
            and re.fullmatch(r"[A-Z][A-Z0-9&.-]+", name)  # an acronym: "NEW YORK (Reuters)" names the agency
            and not raw[i - 1][2].isupper()  # a dateline's city: "LOS ANGELES (AP)" is the agency, not the city
        ):
            return name_key(prev_name)
    return None


if not Doc.has_extension("nd_mentions"):
    Doc.set_extension("nd_mentions", default=None)


class EntityMentions:
    """Sets doc._.nd_mentions: the named-entity mentions with cluster canonical names and repaired labels."""

    def __init__(self, labels, rules: RuleSet):
        self.labels = frozenset(labels)
        self.rules = rules
        self.model = load_short_names(rules.folder)

    def __call__(self, doc: Doc) -> Doc:
        with cached(doc):  # doc.text joins every token on each access: once per article, not once per name
            found = names_in(doc, self.labels, self.rules)
            doc._.nd_mentions = cluster_mentions(found, self.rules, text_of(doc), self.model)
        return doc


@Language.factory(
    "nightdesk_entities",
    default_config={"labels": DEFAULT_ENTITY_LABELS.split(","), "seeds_dir": None},
)
def make_entity_mentions(nlp: Language, name: str, labels, seeds_dir):
    """`labels`: the spaCy labels kept as entities; `seeds_dir`: the rule files (None: the packaged seeds/)."""
    return EntityMentions(labels, rule_files.for_folder(seeds_dir))
