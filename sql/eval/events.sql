-- The system's events per source record, for scoring against PLOVER-style gold.
SELECT
    a.source_id,
    v.event_type,
    v.actor_text,
    e.canonical_name AS actor_name
FROM events AS v
JOIN articles AS a USING (article_id)
LEFT JOIN entities AS e ON v.actor_entity_id = e.entity_id;
