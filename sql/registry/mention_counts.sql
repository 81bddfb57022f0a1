-- How many mentions each entity has over the whole lake: the registry weighs candidates by it.
SELECT
    entity_id,
    count(*) AS mentions
FROM entity_mentions
WHERE entity_id IS NOT NULL
GROUP BY entity_id;
