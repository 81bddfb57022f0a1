"""Entity resolution, the last step of transform: a batch's mentions get registry entity ids, and the speakers,
actors, targets and places that point at a mention get that mention's entity."""

from __future__ import annotations

from nightdesk.transform.batch import BatchRows
from nightdesk.transform.registry import Registry


def resolve_entities(rows: BatchRows, registry: Registry) -> None:
    """Assign entity ids to the batch's mentions (the registry learns new entities) and link the rows to them."""
    registry.assign(rows.entity_mentions)
    link_entities(rows.quotes, rows.entity_mentions, {"speaker_ref": "speaker_entity_id"})
    link_entities(
        rows.events,
        rows.entity_mentions,
        {"actor_ref": "actor_entity_id", "target_ref": "target_entity_id", "location_ref": "location_entity_id"},
    )


def link_entities(rows: list[dict], mentions: list[dict], fields: dict[str, str]) -> None:
    """Turn working `*_ref` spans (the entity mention a speaker, actor, target or place resolved to: a name, or a
    pronoun's antecedent) into entity ids; fields maps ref field → id column."""
    by_span = {(m["article_id"], m["start_char"], m["end_char"]): m["entity_id"] for m in mentions}
    for row in rows:
        for ref_field, id_field in fields.items():
            ref = row.pop(ref_field, None)
            if ref is not None:
                row[id_field] = by_span.get((row["article_id"], ref[0], ref[1]))
