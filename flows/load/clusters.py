"""Reports of one happening across articles: at the load, each of the night's dated events is compared with the
night's others and the lake's events of the same type a day or less apart, and reports that agree form one cluster
(events.cluster_id), named for the earliest report. As in GDELT, a cluster says how many mentions, articles and
sources reported a happening (the event_clusters view)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import combinations

import duckdb
import pyarrow as pa

from nightdesk.load.catalog import execute_with, registered
from nightdesk.load.cluster_context import Context, context
from nightdesk.load.groups import components
from nightdesk.load.schemas import sql_text
from nightdesk.transform.events.coref import HAPPENINGS, phrase_words, phrases_agree

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
    a_actor, a_target = n.get(a.actor_entity_id, a.actor_entity_id), n.get(a.target_entity_id, a.target_entity_id)
    b_actor, b_target = n.get(b.actor_entity_id, b.actor_entity_id), n.get(b.target_entity_id, b.target_entity_id)
    actor = _role(a_actor, a.actor_text, b_actor, b.actor_text)
    target = _role(a_target, a.target_text, b_target, b.target_text)
    found = (actor, target) if actor is not None and target is not None else None
    if a.event_type in MUTUAL:
        actor = _role(a_actor, a.actor_text, b_target, b.target_text)
        target = _role(a_target, a.target_text, b_actor, b.actor_text)
        if actor is not None and target is not None and (found is None or actor + target > sum(found)):
            found = (actor, target)
    return found


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
    if {a.location_entity_id, b.location_entity_id} <= ctx.towns and a.location_entity_id != b.location_entity_id:
        return None
    towns_a, towns_b = ctx.article_towns.get(a.article_id), ctx.article_towns.get(b.article_id)
    if a.event_type in PHYSICAL and towns_a and towns_b and not towns_a & towns_b:
        return None  # (an event's own place is often missed; its article's dateline and towns are not)
    roles = _roles(a, b, ctx)
    if roles is None:
        return None
    actor, target = roles
    ca, cb = ctx.country.get(a.location_entity_id or ""), ctx.country.get(b.location_entity_id or "")
    ra, rb = ctx.region.get(a.location_entity_id or ""), ctx.region.get(b.location_entity_id or "")
    if ((ca and cb and ca != cb) or (ra and rb and ra != rb)) and not (actor == 2 and target):
        return None  # two countries, or two states or provinces of one ("Tulsa" and "New Jersey")
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


ENOUGH = 2  # evidence that joins two reports: two things agree, or one firmly (one town, one actor entity)


def _keys(r: Report, ctx: Context) -> tuple[set[tuple], set[tuple], set[tuple]]:
    """What two reports must share for evidence() to reach ENOUGH, so that only reports sharing a key are compared
    and a day of thousands of reports of one type costs what its links cost, not every pair. Evidence of 2 takes one
    firm thing (a town or site that is no country and no inference; one actor or target entity that is not
    widespread) or two loose things of different kinds (one country or inferred place; an actor, a target, each by a
    widespread entity or a word of its phrase; a name both articles give). Returns (firm keys to look up, firm keys to
    be found by, pairs of loose things): a widespread entity is firm only to a report whose own entity is not."""
    firm = set()
    if r.location_entity_id and not r.place_inferred and r.location_entity_id not in ctx.countries:
        firm.add(("L", r.location_entity_id))
    entities = [e for e in (r.actor_entity_id, r.target_entity_id) if e]
    own = {("E", ctx.nation.get(e, e)) for e in entities}
    looked_up = firm | {("E", ctx.nation.get(e, e)) for e in entities if e not in ctx.widespread}

    def side(entity: str | None, text: str | None) -> set[tuple]:
        return ({("E", ctx.nation.get(entity, entity))} if entity else set()) | {("W", w) for w in phrase_words(text)}

    place = ctx.country.get(r.location_entity_id or "") or r.location_entity_id
    kinds = {
        "C": {place} if place else set(),
        "A": side(r.actor_entity_id, r.actor_text),
        "T": side(r.target_entity_id, r.target_text),
        "N": set(ctx.named.get(r.article_id, ())),
    }
    loose = set()
    turns = [("A", "T")] + ([("T", "A")] if r.event_type in MUTUAL else [])  # a meeting's sides in either order
    for actor, target in turns:
        named = {"C": "C", "A": actor, "T": target, "N": "N"}
        for one, two in combinations("CATN", 2):
            # (in one order, the kinds': a meeting's actor read as the other's target shares its pair)
            loose.update(tuple(sorted([(named[one], x), (named[two], y)])) for x in kinds[one] for y in kinds[two])
    return looked_up, firm | own, loose


def scored_pairs(night: list[Report], lake: list[Report], ctx: Context) -> list[tuple[int, str, str]]:
    """(evidence, night event, night event or lake cluster) for each pair of settled reports with evidence enough, in
    reading order: each night report, then the lake's and the night's of its type in turn. The same pairs as comparing
    every two reports of a type (tests/test_clusters.py checks it), found through the keys they share (_keys)."""
    by_type: dict[str, list[Report]] = defaultdict(list)
    index: dict[tuple, list[int]] = defaultdict(list)
    asks = {}
    for report in lake + night:
        reports = by_type[report.event_type]
        looked_up, found_by, loose = _keys(report, ctx)
        asks[report.event_id] = looked_up | loose
        for key in found_by | loose:
            index[report.event_type, key].append(len(reports))
        # What conflicts before anything is compared (as in evidence()): a town of the report's own, or of its
        # article's for a physical happening; the reports without one conflict with none.
        town = report.location_entity_id if report.location_entity_id in ctx.towns else None
        index[report.event_type, ("town", town)].append(len(reports))
        for t in ctx.article_towns.get(report.article_id, ()) or (None,):
            index[report.event_type, ("article town", t)].append(len(reports))
        reports.append(report)
    allowed: dict[tuple, set[int]] = {}

    def without_conflict(kind: str, how: str, towns: Iterable[str]) -> set[int]:
        key = (kind, how, frozenset(towns))
        if key not in allowed:
            allowed[key] = {i for t in (*towns, None) for i in index.get((kind, (how, t)), ())}
        return allowed[key]

    scored = []
    for a in night:
        reports = by_type[a.event_type]
        near = {i for key in asks[a.event_id] for i in index.get((a.event_type, key), ())}
        if a.location_entity_id in ctx.towns:
            near &= without_conflict(a.event_type, "town", [a.location_entity_id])
        if a.event_type in PHYSICAL and ctx.article_towns.get(a.article_id):
            near &= without_conflict(a.event_type, "article town", ctx.article_towns[a.article_id])
        for b in (reports[i] for i in sorted(near)):
            weight = evidence(a, b, ctx) if b.article_id != a.article_id else None
            if (weight or 0) >= ENOUGH:
                scored.append((weight, a.event_id, b.cluster_id or b.event_id))
    return scored


def links(night: list[Report], lake: list[Report], ctx: Context) -> list[tuple[str, str]]:
    """(night event, night event or lake cluster) for the pairs of reports of one happening, strongest first, that
    keep every cluster to one event per article: two events an article tells apart are two happenings, and a chain
    of looser links ("detained" in one article, a tally of detentions in another) must not join them."""
    night, lake = [settled(r, ctx) for r in night], [settled(r, ctx) for r in lake]
    scored = scored_pairs(night, lake, ctx)
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
        if ra != rb and not articles[ra].isdisjoint(articles[rb]):
            continue
        if ra != rb:
            if len(articles[ra]) < len(articles[rb]):  # the smaller into the larger: a large cluster grows cheaply
                ra, rb = rb, ra
            group[rb] = ra
            articles[ra] |= articles.pop(rb)
        found.append((a, b))
    return found


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
