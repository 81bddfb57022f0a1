"""Reports of one happening across articles: at the load, each of the night's dated events is compared with the
night's others and the lake's events of the same type a day or less apart, and reports that agree form one cluster
(events.cluster_id), named for the earliest report. As in GDELT, a cluster says how many mentions, articles and
sources reported a happening (the event_clusters view)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import duckdb
import pyarrow as pa

from nightdesk.load.catalog import execute_with, registered
from nightdesk.load.groups import components
from nightdesk.load.schemas import sql_text
from nightdesk.transform.events.coref import HAPPENINGS, phrases_agree
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.names import name_key

NEAR_DAYS = 1  # reports whose dates are at most this far apart may be of one happening
# Happenings between two sides, either of which a report may name first ("Kishida met Yoon", "Yoon hosted Kishida").
MUTUAL = {"CONSULT", "COOPERATE", "AGREE"}
# What is no statement: a meeting, like an attack, happens once in one place, and its town and names tell it.
OCCURRENCES = HAPPENINGS | {"CONSULT"}
# Happenings with a physical place: one such happening happens in one town. (A sanction or an aid pledge is "in"
# whichever capital announced or received it.)
PHYSICAL = OCCURRENCES - {"SANCTION", "AID"}


@dataclass(frozen=True)
class Report:
    event_id: str
    article_id: str
    event_type: str
    event_date: date
    actor_entity_id: str | None
    actor_text: str | None
    target_entity_id: str | None
    target_text: str | None
    location_entity_id: str | None
    published_at: datetime | None
    cluster_id: str | None = None  # a lake event's cluster; None for the night's
    place_inferred: bool = False  # the place is its article's only town, not one the report names


def _role(a_id: str | None, a_text: str | None, b_id: str | None, b_text: str | None) -> int | None:
    """How firmly two reports name one participant: 2 for one entity, 1 for phrases with a word in common; None when
    they name two different entities (a conflict); 0 otherwise: phrases without a shared word may still be one
    participant ("police" and "officers"), and a wrongly read role must not split a happening."""
    if a_id and b_id:
        return 2 if a_id == b_id else None
    return 1 if phrases_agree(a_text, b_text) else 0


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


def settled(r: Report, ctx: Context) -> Report:
    """A report as the clusters read it: a town as actor is where it happened, not who did it ("the Kharkiv
    bombing"); a place that is no place entity ("summit with Yoon") is dropped; and a physical happening without a
    place happened, as far as anyone can tell, in the only town its article names (its dateline, mostly)."""
    if r.actor_entity_id in ctx.towns:
        if r.location_entity_id not in ctx.places:
            r = replace(r, location_entity_id=r.actor_entity_id)
        r = replace(r, actor_entity_id=None, actor_text=None)
    if r.location_entity_id not in ctx.places:
        r = replace(r, location_entity_id=None)
    towns = ctx.article_towns.get(r.article_id, frozenset())
    if r.location_entity_id is None and r.event_type in PHYSICAL and len(towns) == 1:
        r = replace(r, location_entity_id=next(iter(towns)), place_inferred=True)
    return r


def _roles(a: Report, b: Report, ctx: Context) -> tuple[int, int] | None:
    """How firmly the two reports name one actor and one target (see _role), None on a conflict; the sides of a
    mutual happening may be named in either order."""
    n = ctx.nation

    def one(x: Report, actor: bool) -> tuple[str | None, str | None]:
        e, text = (x.actor_entity_id, x.actor_text) if actor else (x.target_entity_id, x.target_text)
        return n.get(e, e), text

    ways = [(True, False)] + ([(False, True)] if a.event_type in MUTUAL else [])
    found = []
    for b_actor, b_target in ways:
        actor = _role(*one(a, True), *one(b, b_actor))
        target = _role(*one(a, False), *one(b, b_target))
        if actor is not None and target is not None:
            found.append((actor, target))
    return max(found, key=sum, default=None)


def evidence(a: Report, b: Report, ctx: Context) -> int | None:
    """How much says two reports tell of one happening, or None when something conflicts: another type, dates more
    than a day apart, two different entities as actor or target, or places in two countries (unless one entity acts
    on the same target in both: a sanction's or a statement's place is often read loosely). The same town or site
    counts 2, the same country 1; one actor or target entity 2 (1 when most articles of these days name it), a shared
    word of them 1; and the two articles naming a town, person or organisation in common 1 (widespread names aside).
    Two different towns conflict, and so do two articles naming no town in common for a physical happening (an
    attack, a protest, an arrest, a meeting). A nationality stands for its country ("Russian forces", "Russia").
    A statement (an accusation, a request, praise; not a meeting) is one only with the
    same actor and target: a speaker says many things a day, and names and a town in common do not make two of them
    one. The sides of a meeting, a cooperation or an agreement may be named in either order."""
    if a.event_type != b.event_type or abs((a.event_date - b.event_date).days) > NEAR_DAYS:
        return None
    roles = _roles(a, b, ctx)
    if roles is None:
        return None
    actor, target = roles
    ca, cb = ctx.country.get(a.location_entity_id or ""), ctx.country.get(b.location_entity_id or "")
    ra, rb = ctx.region.get(a.location_entity_id or ""), ctx.region.get(b.location_entity_id or "")
    if ((ca and cb and ca != cb) or (ra and rb and ra != rb)) and not (actor == 2 and target):
        return None  # two countries, or two states or provinces of one ("Tulsa" and "New Jersey")
    if {a.location_entity_id, b.location_entity_id} <= ctx.towns and a.location_entity_id != b.location_entity_id:
        return None
    towns_a, towns_b = ctx.article_towns.get(a.article_id), ctx.article_towns.get(b.article_id)
    if a.event_type in PHYSICAL and towns_a and towns_b and not towns_a & towns_b:
        return None  # (an event's own place is often missed; its article's dateline and towns are not)
    if a.location_entity_id and a.location_entity_id == b.location_entity_id:
        place = 1 if a.location_entity_id in ctx.countries or a.place_inferred or b.place_inferred else 2
    else:
        place = 1 if ca and ca == cb else 0
    shared = min(1, len(ctx.named.get(a.article_id, frozenset()) & ctx.named.get(b.article_id, frozenset())))
    # The same widespread entity acting (the president, a candidate): one of the many things it does that day.
    actor -= actor == 2 and a.actor_entity_id in ctx.widespread
    target -= target == 2 and a.target_entity_id in ctx.widespread
    if a.event_type not in OCCURRENCES and not (actor and target):
        return 0  # statements (accusations, requests, praise): the same speaker and addressee, or two statements
    return place + actor + target + shared


# A name in more of the night's and the nearby days' articles than this (and than this share of them) is widespread.
WIDESPREAD_ARTICLES, WIDESPREAD_SHARE = 5, 0.05
PLACE_TYPES = {"GPE", "LOC", "FAC"}
ENOUGH = 2  # evidence that joins two reports: two things agree, or one firmly (one town, one actor entity)


def links(night: list[Report], lake: list[Report], ctx: Context) -> list[tuple[str, str]]:
    """(night event, night event or lake cluster) for the pairs of reports of one happening, strongest first, that
    keep every cluster to one event per article: two events an article tells apart are two happenings, and a chain
    of looser links ("detained" in one article, a tally of detentions in another) must not join them."""
    night, lake = [settled(r, ctx) for r in night], [settled(r, ctx) for r in lake]
    by_type: dict[str, list[Report]] = defaultdict(list)
    for report in lake + night:
        by_type[report.event_type].append(report)
    scored = []
    for a in night:
        for b in by_type[a.event_type]:
            weight = evidence(a, b, ctx) if b.article_id != a.article_id else None
            if (weight or 0) >= ENOUGH:
                scored.append((weight, a.event_id, b.cluster_id or b.event_id))
    group = {r.cluster_id or r.event_id: r.cluster_id or r.event_id for r in lake + night}
    articles: dict[str, set[str]] = defaultdict(set)
    for r in lake + night:
        articles[r.cluster_id or r.event_id].add(r.article_id)

    def root(node: str) -> str:
        while group[node] != node:
            group[node] = group[group[node]]
            node = group[node]
        return node

    found = []
    for _, a, b in sorted(scored, key=lambda s: -s[0]):  # a stable sort: ties keep the reading order
        ra, rb = root(a), root(b)
        if ra != rb and articles[ra] & articles[rb]:
            continue
        if ra != rb:
            group[rb] = ra
            articles[ra] |= articles.pop(rb)
        found.append((a, b))
    return found


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
    night's new entities too; `aliases`: the curated ones)."""
    country = {e: row["country_code"] for e, row in entities.items() if row.get("country_code")}
    countries = frozenset(e for e, row in entities.items() if row.get("feature_class") == "country")
    towns = frozenset(e for e, row in entities.items() if row.get("feature_class") == "city")
    general = countries | {e for e, row in entities.items() if row.get("entity_type") == "NORP"}
    nation = standing_for(entities, aliases, acting)
    named: dict[str, set[str]] = defaultdict(set)
    article_towns: dict[str, set[str]] = defaultdict(set)
    found = con.execute(sql_text("clusters", "article_entities.sql"), {"ids": article_ids}).fetchall()
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
        frozenset(e for e, row in entities.items() if row.get("entity_type") in PLACE_TYPES),
        {
            e: f"{row['country_code']}-{row['admin1_code']}"
            for e, row in entities.items()
            if row.get("country_code") and row.get("admin1_code") and row.get("feature_class") in ("city", "admin1")
        },
    )


def assign(
    con: duckdb.DuckDBPyConnection,
    entities: Mapping[str, dict],
    aliases: Mapping[str, tuple[str, str]] = {},  # noqa: B006 (read only)
) -> pa.Table:
    """Before the night's transaction: set the night's articles' entity_ids and events' cluster_id. Returns the lake's
    clusters a night's event links to an earlier report, for move() to rename inside the transaction. `entities`:
    the registry's entity rows by id; `aliases`: the curated ones."""
    con.execute(sql_text("clusters", "night_entity_ids.sql"))
    night = [Report(*r) for r in con.execute(sql_text("clusters", "night_events.sql")).fetchall()]
    lake: list[Report] = []
    if night:
        near = {r.event_date + timedelta(days=d) for r in night for d in range(-NEAR_DAYS, NEAR_DAYS + 1)}
        params = {
            "types": sorted({r.event_type for r in night}),
            "days": sorted(near),
            "first": min(near),
            "last": max(near),
        }
        lake = [Report(*r) for r in con.execute(sql_text("clusters", "lake_events.sql"), params).fetchall()]
    acting = {e for r in night + lake for e in (r.actor_entity_id, r.target_entity_id) if e}
    found = links(night, lake, context(con, entities, sorted({r.article_id for r in lake}), aliases, acting))
    lake_first = {}
    for r in lake:  # a lake cluster's first report is its earliest: it orders the cluster
        if r.cluster_id not in lake_first or (r.published_at or datetime.max) < (
            lake_first[r.cluster_id] or datetime.max
        ):
            lake_first[r.cluster_id] = r.published_at
    linked_lake = {b for _, b in found if b in lake_first}
    named = components({r.event_id: r.published_at for r in night}, {c: lake_first[c] for c in linked_lake}, found)
    clustered = pa.table(
        {
            "event_id": pa.array([r.event_id for r in night if r.event_id in named], pa.string()),
            "cluster_id": pa.array([named[r.event_id] for r in night if r.event_id in named], pa.string()),
        }
    )
    with registered(con, "clustered", clustered):  # even when empty: every night event gets a cluster, its own
        con.execute(sql_text("clusters", "night_clusters.sql"))
    moved = [(c, named[c]) for c in sorted(linked_lake) if named.get(c, c) != c]
    return pa.table(
        {
            "old_cluster_id": pa.array([m[0] for m in moved], pa.string()),
            "cluster_id": pa.array([m[1] for m in moved], pa.string()),
        }
    )


def move(con: duckdb.DuckDBPyConnection, moved: pa.Table) -> None:
    """Inside the night's transaction: every report of a renamed lake cluster names its new earliest report."""
    execute_with(con, "moved_clusters", moved, sql_text("clusters", "move_clusters.sql"))
