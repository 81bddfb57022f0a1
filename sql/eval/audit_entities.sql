-- Every entity of a night with how often it is mentioned, most mentioned first (flows/evaluate/entity_audit.py).
SELECT
    e.entity_id,
    e.canonical_name,
    e.entity_type,
    count(*) AS mentions
FROM entities AS e
INNER JOIN entity_mentions AS m ON e.entity_id = m.entity_id
GROUP BY ALL
ORDER BY mentions DESC, e.entity_id ASC;
