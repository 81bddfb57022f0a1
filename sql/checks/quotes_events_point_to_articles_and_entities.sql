-- Quotes and events must belong to a loaded article, and every entity they name must exist.
SELECT
    'quotes' AS source,
    q.quote_id AS id,
    q.article_id,
    q.speaker_entity_id AS entity_id
FROM quotes AS q
LEFT JOIN articles AS a USING (article_id)
LEFT JOIN entities AS e ON q.speaker_entity_id = e.entity_id
WHERE a.article_id IS NULL OR (q.speaker_entity_id IS NOT NULL AND e.entity_id IS NULL)
UNION ALL
SELECT
    'events' AS source,
    v.event_id AS id,
    v.article_id,
    coalesce(v.actor_entity_id, v.target_entity_id, v.location_entity_id) AS entity_id
FROM events AS v
LEFT JOIN articles AS a USING (article_id)
WHERE
    a.article_id IS NULL
    OR (v.actor_entity_id IS NOT NULL AND v.actor_entity_id NOT IN (SELECT k.entity_id FROM entities AS k))
    OR (v.target_entity_id IS NOT NULL AND v.target_entity_id NOT IN (SELECT k.entity_id FROM entities AS k))
    OR (v.location_entity_id IS NOT NULL AND v.location_entity_id NOT IN (SELECT k.entity_id FROM entities AS k));
