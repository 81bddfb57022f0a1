-- How often an entity is mentioned with one written form (for nightdesk entities split).
SELECT count(*) AS mentions
FROM entity_mentions
WHERE entity_id = $entity_id AND mention_text = $alias;
