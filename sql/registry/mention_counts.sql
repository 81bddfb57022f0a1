-- How many mentions each entity has over the whole lake: the registry weighs candidates by it.
SELECT
    entity_id,
    sum(mentions)::BIGINT AS mentions
FROM entity_forms
GROUP BY entity_id;
