"""Entity mentions from spaCy's NER, each linked to a normalized entity."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flows.settings import ENTITY_LABELS
from flows.transform.names import name_key, normalize_name


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def entity_id_for(name: str, label: str) -> str:
    """Derived from type and comparison key only, so the same name gets the same id on every night."""
    return stable_id("entity", label, name_key(name))


@dataclass(frozen=True)
class Mention:
    start_char: int
    end_char: int
    text: str
    label: str
    canonical: str  # normalized name; empty when nothing nameable is left (then no entity)


def doc_mentions(doc) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_, normalize_name(ent.text, ent.label_)))
    return mentions


def mention_rows(article_id: str, mentions: list[Mention]) -> tuple[list[dict], dict[str, dict], set[tuple[str, str]]]:
    """Rows for entity_mentions, the entities they point to, and (entity_id, alias) pairs."""
    rows: list[dict] = []
    entities: dict[str, dict] = {}
    aliases: set[tuple[str, str]] = set()
    for m in mentions:
        entity_id = None
        if m.canonical and any(ch.isalnum() for ch in m.canonical):
            entity_id = entity_id_for(m.canonical, m.label)
            entities.setdefault(entity_id, {"entity_id": entity_id, "canonical_name": m.canonical, "entity_type": m.label})
            aliases.add((entity_id, m.text))
        rows.append(
            {
                "mention_id": stable_id("mention", article_id, m.start_char, m.end_char),
                "article_id": article_id,
                "entity_id": entity_id,
                "start_char": m.start_char,
                "end_char": m.end_char,
                "mention_text": m.text,
                "label": m.label,
            }
        )
    return rows, entities, aliases
