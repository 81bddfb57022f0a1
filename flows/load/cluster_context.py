"""What the load knows about the reports' places and articles when it clusters them (load/clusters.py): each place's
country and state, the towns, the entities each article names and which of them most articles of these days name,
and the country an actor stands for."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import duckdb

from nightdesk.load.schemas import sql_text
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.names import name_key

# A name in more of the night's and the nearby days' articles than this (and than this share of them) is widespread.
WIDESPREAD_ARTICLES, WIDESPREAD_SHARE = 5, 0.05


@dataclass(frozen=True)
class Context:
    """What the load knows about the reports' places and articles."""

    country: Mapping[str, str]  # place entity → its country code
    countries: frozenset[str]  # place entities that are whole countries
    towns: frozenset[str]  # place entities that are cities or towns: a happening happens in one
    named: Mapping[str, frozenset[str]]  # article → the entities it names, countries and nationalities aside
    article_towns: Mapping[str, frozenset[str]]  # article → the towns it names
    nation: Mapping[str, str]  # a nationality ("Russian") → its country's entity ("Russia")
    widespread: frozenset[str] = frozenset()  # entities most articles of these days name
    places: frozenset[str] = frozenset()  # entities that are places (a person read as a place is none)
    region: Mapping[str, str] = field(default_factory=dict)  # place → its country and admin1 ("US-OK")


def standing_for(
    entities: Mapping[str, dict], aliases: Mapping[str, tuple[str, str]], acting: Iterable[str] | None = None
) -> dict[str, str]:
    """Entity → the one country entity it stands for as an actor: a nationality ("Russian"), a country under any of
    its entities ("US", "United States"), and an organisation named for it ("US Treasury", "Sudan's army"): as GDELT
    codes actors by country, the Treasury sanctioning is the United States sanctioning. `acting`: the entities to
    read organisations' names of (the reports' actors and targets; all when None), as a registry may be large."""
    one: dict[str, str] = {}  # a country code → the one entity (the least id) all its entities stand for
    countries = [
        (e, row["country_code"])
        for e, row in entities.items()
        if row.get("feature_class") == "country" and row.get("country_code")
    ]
    for e, code in countries:
        one[code] = min(one.get(code, e), e)
    nation = {e: one[code] for e, code in countries}
    for e in entities if acting is None else (e for e in acting if e in entities):
        row = entities[e]
        of = row.get("country_entity_id")
        if of:
            nation[e] = nation.get(of, of)
        elif row.get("entity_type") == "ORG":
            code = _named_for(row["canonical_name"], aliases)
            if code in one:
                nation[e] = one[code]
    return nation


def _named_for(name: str, aliases: Mapping[str, tuple[str, str]]) -> str | None:
    """The country code of a country an organisation's name begins with ("US Treasury", "Sudan's army"); `aliases`:
    the curated ones (seeds/aliases.csv: "US" is the United States)."""
    words = name.replace("'s ", " ").replace("’s ", " ").split()
    for n in (2, 1):
        if len(words) > n:
            lead = " ".join(words[:n])
            place = gazetteer.load().resolve(aliases.get(name_key(lead), (lead,))[0])
            if place is not None and place.feature_class == "country":
                return place.country_code
    return None


def context(
    con: duckdb.DuckDBPyConnection,
    entities: Mapping[str, dict],
    article_ids: list[str],
    aliases: Mapping[str, tuple[str, str]] = {},  # noqa: B006 (read only)
    acting: Iterable[str] | None = None,
) -> Context:
    """The places' countries and the articles' named entities (`entities`: the registry's rows, which know the
    night's new entities too; `aliases`: the curated ones): the night's articles and the lake's `article_ids`."""
    found = con.execute(sql_text("clusters", "article_entities.sql"), {"ids": article_ids}).fetchall()
    return context_of(entities, found, aliases, acting)


def context_of(
    entities: Mapping[str, dict],
    found: Iterable[tuple[str, str]],
    aliases: Mapping[str, tuple[str, str]] = {},  # noqa: B006 (read only)
    acting: Iterable[str] | None = None,
) -> Context:
    """context() from the (article, entity it names) pairs."""
    country = {e: row["country_code"] for e, row in entities.items() if row.get("country_code")}
    countries = frozenset(e for e, row in entities.items() if row.get("feature_class") == "country")
    towns = frozenset(e for e, row in entities.items() if row.get("feature_class") == "city")
    general = countries | {e for e, row in entities.items() if row.get("entity_type") == "NORP"}
    nation = standing_for(entities, aliases, acting)
    named: dict[str, set[str]] = defaultdict(set)
    article_towns: dict[str, set[str]] = defaultdict(set)
    for article_id, entity_id in found:
        if entity_id not in general:
            named[article_id].add(entity_id)
        if entity_id in towns:
            article_towns[article_id].add(entity_id)
    # A name most of these days' articles give (a candidate in an election, the president) says nothing about which
    # happening two of them report.
    articles_naming = Counter(e for names in named.values() for e in names)
    widespread = {e for e, n in articles_naming.items() if n > max(WIDESPREAD_ARTICLES, WIDESPREAD_SHARE * len(named))}
    return Context(
        country,
        countries,
        towns,
        {a: frozenset(e - widespread) for a, e in named.items()},
        {a: frozenset(e) for a, e in article_towns.items()},
        nation,
        frozenset(widespread),
        frozenset(e for e, row in entities.items() if row.get("entity_type") in gazetteer.PLACE_TYPES),
        {
            e: f"{row['country_code']}-{row['admin1_code']}"
            for e, row in entities.items()
            if row.get("country_code") and row.get("admin1_code") and row.get("feature_class") in ("city", "admin1")
        },
    )
