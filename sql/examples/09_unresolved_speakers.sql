-- Quotes whose speaker could not be tied to an entity: candidates for new aliases in seeds/aliases.csv.
SELECT
    speaker_text,
    count(*) AS quotes
FROM quotes
WHERE speaker_text IS NOT NULL AND speaker_entity_id IS NULL
GROUP BY speaker_text
ORDER BY quotes DESC
LIMIT 25;
