-- One entity by id, with how often it is mentioned (for nightdesk entities).
SELECT
    e.entity_id,
    e.canonical_name,
    e.entity_type,
    count(m.mention_id) AS mentions
FROM entities AS e
LEFT JOIN entity_mentions AS m ON e.entity_id = m.entity_id
WHERE e.entity_id = $entity_id
GROUP BY ALL;
