CREATE VIEW top_speakers_per_entity AS
-- For each entity mentioned inside quotes: who speaks about it, how often, and the speaker's rank.
WITH counted AS (
    SELECT
        entity_id AS about_entity_id,
        canonical_name AS about,
        speaker,
        speaker_entity_id,
        count(DISTINCT quote_id) AS quotes
    FROM quotes_mentioning_entity
    WHERE speaker IS NOT NULL
    GROUP BY ALL
)

SELECT
    *,
    rank() OVER (PARTITION BY about_entity_id ORDER BY quotes DESC) AS speaker_rank
FROM counted;
