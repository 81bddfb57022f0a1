-- How often each entity the night touched ($entities) was written each way over the whole lake: the registry names
-- an entity by its most frequent multi-word form. An entity the night did not touch keeps the name it has.
SELECT
    m.entity_id,
    m.mention_text,
    m.label,
    count(*) AS mentions
FROM entity_mentions AS m
WHERE m.entity_id IN (SELECT t.entity_id FROM touched_entities AS t)
GROUP BY ALL;
