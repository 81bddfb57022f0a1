"""Entity resolution, the load's first step on a batch's rows: the mentions get registry entity ids, and the
speakers, actors, targets and places that point at a mention get that mention's entity."""

from __future__ import annotations

from nightdesk.load.registry import Registry
from nightdesk.transform.batch import BatchRows


def resolve_entities(rows: BatchRows, registry: Registry) -> None:
    """Assign entity ids to the batch's mentions (the registry learns new entities) and link the rows to them."""
    registry.assign(rows.entity_mentions, rows.names)
    by_span = {(m["article_id"], m["start_char"], m["end_char"]): m["entity_id"] for m in rows.entity_mentions}
    for table, key in ((rows.quotes, "quote_id"), (rows.events, "event_id")):
        link_entities(table, key, rows.refs, by_span)


def link_entities(rows: list[dict], key: str, refs: dict, by_span: dict) -> None:
    """Fill the entity id columns of each row from the mention span its speaker, actor, target or place resolved
    to (a name, or a pronoun's antecedent)."""
    for row in rows:
        for id_column, span in refs.get(row[key], {}).items():
            if span is not None:
                row[id_column] = by_span.get((row["article_id"], span[0], span[1]))
