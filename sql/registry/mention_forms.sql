-- How often each entity the night touched was written each way over the lake and the night's rows: the registry names
-- an entity by its most frequent multi-word form. An entity the night did not touch keeps the name it has.
SELECT
    m.entity_id,
    m.mention_text,
    m.label,
    count(*) AS mentions
FROM (
    SELECT
        l.entity_id,
        l.mention_text,
        l.label
    FROM lake.entity_mentions AS l
    UNION ALL
    SELECT
        t.entity_id,
        t.mention_text,
        t.label
    FROM night.main.entity_mentions AS t
) AS m
WHERE m.entity_id IN (SELECT t.entity_id FROM touched_entities AS t)
GROUP BY ALL;
