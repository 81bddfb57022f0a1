"""Across articles and nights: one entity id per real-world thing, never renumbered.

The registry holds every entity the warehouse knows (from the lake) and resolves each article's clusters
(canonical name + type) to an id: the same canonical key; the same name under a repairable label; a short form
that fits exactly one known full name; or a full name that completes exactly one known bare short form (that
entity keeps its id and gets the fuller canonical name). Otherwise a new id, derived from type and name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

from nightdesk.transform.entities.component import compatible, mention_name, short_form_of
from nightdesk.transform.rows import stable_id
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text import gazetteer
from nightdesk.transform.text.names import generic_names, name_key


def _parts(tokens: list[str], person: bool) -> list[str]:
    """The shorter names a name may be written as: its heads and tails ("Obama", "Church" of "Church of
    Scientology"), and a person's first and last name without the middle ("Hillary Clinton" of "Hillary Rodham
    Clinton"). The registry indexes a full name under each, and looks a full name's up in them."""
    found = [part for n in range(1, len(tokens)) for part in (" ".join(tokens[-n:]), " ".join(tokens[:n]))]
    if person and len(tokens) > 2:
        found.append(f"{tokens[0]} {tokens[-1]}")
    return found


@cache
def demonyms(rules: RuleSet) -> dict[str, str]:
    """name key of a demonym → country name, from seeds/demonyms.csv."""
    return {name_key(r["demonym"]): r["country"].strip() for r in rules.rows("demonyms")}


def country_of(demonym: str, rules: RuleSet) -> str | None:
    table = demonyms(rules)
    key = name_key(demonym)
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:  # plural: "Iraqis", "Americans"
        return table[key[:-1]]
    return None


class Registry:
    def __init__(
        self,
        entities: list[dict],
        aliases: list[tuple[str, str]],
        run_id: str,
        rules: RuleSet,
        mentions: dict[str, int] | None = None,
    ):
        self.run_id = run_id
        self.mentions: dict[str, int] = dict(mentions or {})  # entity id → mentions so far (lake and this night)
        self.rules = rules
        self.generic = generic_names(rules)
        self.entities: dict[str, dict] = {}
        self.by_key: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.parts: dict[str, set[str]] = defaultdict(set)  # prefix/suffix key → multi-token entities
        self.by_place: dict[int, str] = {}  # GeoNames id → the entity of that place
        self.aliases: set[tuple[str, str]] = set(aliases)
        self.changed = False
        self._article_countries: frozenset[str] = frozenset()  # of the article being resolved: ambiguous cities
        for e in entities:
            if e.get("geonames_id") is None and e["entity_type"] in gazetteer.PLACE_TYPES:
                found = gazetteer.place_fields(e["canonical_name"], e["entity_type"])
                if found["geonames_id"] is not None:  # an entity stored before places were linked
                    e = {**e, **found}
                    self.changed = True
            if name_key(e["canonical_name"]) in self.generic:
                self.entities[e["entity_id"]] = dict(e)  # article-scoped: kept, never looked up by name
            else:
                self._index(dict(e))
        # Full names an entity was written as ("Donald J. Trump") find it again on later nights.
        for eid, alias in self.aliases:
            entity = self.entities.get(eid)
            if entity is None or name_key(entity["canonical_name"]) in self.generic:
                continue
            name, _label = mention_name(alias, entity["entity_type"], self.rules)
            if len(name_key(name).split()) > 1:
                self.by_key.setdefault((entity["entity_type"], name_key(name)), eid)

    def _index(self, entity: dict) -> None:
        eid = entity["entity_id"]
        self.entities[eid] = entity
        key = name_key(entity["canonical_name"])
        self.by_key.setdefault((entity["entity_type"], key), eid)
        self.by_name[key].add(eid)
        if entity.get("geonames_id") is not None:
            self.by_place.setdefault(entity["geonames_id"], eid)
        for part in _parts(key.split(), entity["entity_type"] == "PERSON"):
            self.parts[part].add(eid)

    def _dominant(self, ids) -> str | None:
        """The one full name a short form fits, or among several the one mentioned at least twice as often as each
        other (as within an article): "Obama" is Barack Obama, not Michelle Obama, once Barack is far more named."""
        ids = set(ids)
        if len(ids) <= 1:
            return ids.pop() if ids else None
        ranked = sorted(ids, key=lambda i: self.mentions.get(i, 0), reverse=True)
        best, second = ranked[0], ranked[1]
        return best if self.mentions.get(best, 0) >= 2 * max(self.mentions.get(second, 0), 1) else None

    def _unique(self, ids) -> str | None:
        ids = set(ids)
        return ids.pop() if len(ids) == 1 else None

    def resolve(self, canonical: str, etype: str, article_id: str | None = None) -> str:
        key = name_key(canonical)
        tokens = key.split()
        if key in self.generic and article_id:
            return self._create(canonical, etype, scope=article_id)
        if (etype, key) in self.by_key:
            return self.by_key[(etype, key)]
        place = gazetteer.place_fields(canonical, etype, self._article_countries)["geonames_id"]
        if place is not None and place in self.by_place:
            return self.by_place[place]  # another name of a known place ("Kiev" for "Kyiv")
        same_name = self._unique(
            i
            for i in self.by_name.get(key, ())
            if compatible(etype, self.entities[i]["entity_type"]) or compatible(self.entities[i]["entity_type"], etype)
        )
        if same_name:
            return same_name
        if etype != "NORP":
            fuller = self._dominant(
                i
                for i in self.parts.get(key, ())
                if compatible(etype, self.entities[i]["entity_type"])
                and short_form_of(
                    tokens,
                    name_key(self.entities[i]["canonical_name"]).split(),
                    self.entities[i]["entity_type"],
                    (canonical, self.entities[i]["canonical_name"]),
                )
            )
            if fuller:
                return fuller
            if len(tokens) > 1:
                shorter = self._unique(
                    i
                    for part in _parts(tokens, etype == "PERSON")
                    for i in self.by_name.get(part, ())
                    if compatible(self.entities[i]["entity_type"], etype)
                    and len(name_key(self.entities[i]["canonical_name"]).split()) == len(part.split())
                    and short_form_of(part.split(), tokens, etype, (self.entities[i]["canonical_name"], canonical))
                    and not self.parts.get(part)  # no other full name claims this short form yet
                )
                if shorter:
                    entity = self.entities[shorter]
                    entity.update(canonical_name=canonical, entity_type=etype)
                    entity.update(gazetteer.place_fields(canonical, etype, self._article_countries))
                    self._index(entity)
                    self.changed = True
                    return shorter
        return self._create(canonical, etype)

    def _create(self, canonical: str, etype: str, scope: str | None = None) -> str:
        eid = stable_id("entity", etype, name_key(canonical), *([scope] if scope else []))
        if scope:
            if eid not in self.entities:  # article-scoped: never found by name from another article
                self.entities[eid] = {
                    "entity_id": eid,
                    "canonical_name": canonical,
                    "entity_type": etype,
                    "first_run_id": self.run_id,
                    "country_entity_id": None,
                    **gazetteer.place_fields(canonical, etype, self._article_countries),
                }
                self.changed = True
            return eid
        if eid not in self.entities:
            entity = {
                "entity_id": eid,
                "canonical_name": canonical,
                "entity_type": etype,
                "first_run_id": self.run_id,
                "country_entity_id": None,
                **gazetteer.place_fields(canonical, etype, self._article_countries),
            }
            if etype == "NORP":
                country = country_of(canonical, self.rules)
                if country:
                    entity["country_entity_id"] = self.resolve(country, "GPE")
            self._index(entity)
            self.changed = True
        return eid

    def assign(self, mention_rows: list[dict], names: dict[str, str | None]) -> None:
        """Fill entity_id of each mention row from its cluster's canonical name (`names`, by mention id) and record
        aliases."""
        named: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in mention_rows:
            if names.get(row["mention_id"]):
                named[row["article_id"]].append((names[row["mention_id"]], row["label"]))
        countries = {article: gazetteer.countries_named(found) for article, found in named.items()}
        for row in mention_rows:
            canonical = names.get(row["mention_id"])
            if not canonical:
                continue
            self._article_countries = countries.get(row["article_id"], frozenset())
            eid = self.resolve(canonical, row["label"], row["article_id"])
            row["entity_id"] = eid
            self.mentions[eid] = self.mentions.get(eid, 0) + 1
            if (eid, row["mention_text"]) not in self.aliases:
                self.aliases.add((eid, row["mention_text"]))
                self.changed = True

    def choose_canonical_names(self, form_counts: list[tuple[str, str, str, int]]) -> None:
        """Name each entity by its most frequent multi-word form over the whole lake (else its most frequent form).

        form_counts: (entity_id, mention_text, label, mentions). Frequency keeps a one-off NER slip ("Rip Donald
        Trump") from naming an entity; preferring multi-word forms keeps a bare surname from naming a person.
        """
        forms: dict[str, Counter] = defaultdict(Counter)
        labels: dict[str, Counter] = defaultdict(Counter)
        for eid, text, label, n in form_counts:
            name, _label = mention_name(text, label, self.rules)
            if name:
                forms[eid][name] += n
                labels[eid][_label] += n
        self._majority_types(labels)
        for eid, counter in forms.items():
            entity = self.entities.get(eid)
            if entity is None:
                continue
            full = [(c, len(f), f) for f, c in counter.items() if len(f.split()) > 1]
            pool = full or [(c, len(f), f) for f, c in counter.items()]
            if entity["entity_type"] in gazetteer.PLACE_TYPES:
                # A place is named by its most frequent form that is a place ("Mexico", not a one-off "Say Mexico").
                places = gazetteer.load()
                pool = [(c, len(f), f) for f, c in counter.items() if places.resolve(f) is not None] or pool
            best = max(pool)[2]
            if best != entity["canonical_name"]:
                entity["canonical_name"] = best
                entity.update(gazetteer.place_fields(best, entity["entity_type"]))
                self.changed = True

    def _majority_types(self, labels: dict[str, Counter]) -> None:
        """An entity's type is the label most of its mentions carry over the whole lake ("Trump" tagged ORG now
        and then stays a PERSON); ties keep the type it has."""
        for eid, counter in labels.items():
            entity = self.entities.get(eid)
            if entity is None or entity["entity_type"] == "NORP":
                continue
            best, n = counter.most_common(1)[0]
            if best != entity["entity_type"] and n > counter[entity["entity_type"]] and best != "NORP":
                entity["entity_type"] = best
                entity.update(gazetteer.place_fields(entity["canonical_name"], best))
                self.changed = True

    def entity_rows(self) -> list[dict]:
        return sorted(self.entities.values(), key=lambda e: e["entity_id"])

    def alias_rows(self) -> list[dict]:
        return [{"entity_id": e, "alias": a} for e, a in sorted(self.aliases)]
