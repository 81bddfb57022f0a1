-- How many mentions each entity has, counted from the mentions: for a lake made before entity_forms.
SELECT
    entity_id,
    count(*) AS mentions
FROM entity_mentions
WHERE entity_id IS NOT NULL
GROUP BY entity_id;
