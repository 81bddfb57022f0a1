-- An analyst's question over every night: who is quoted most.
SELECT
    speaker_entity_id,
    count(*) AS quotes
FROM quotes
WHERE speaker_entity_id IS NOT NULL
GROUP BY speaker_entity_id
ORDER BY quotes DESC
LIMIT 10;
