CREATE VIEW top_speakers_per_entity AS
-- For each entity mentioned inside quotes: who speaks about it, how often, and the speaker's rank.
WITH counted AS (
    SELECT
        m.entity_id AS about_entity_id,
        about.canonical_name AS about,
        w.speaker,
        w.speaker_entity_id,
        count(DISTINCT w.quote_id) AS quotes
    FROM who_said_what AS w
    JOIN entity_mentions AS m
      ON m.article_id = w.article_id AND m.start_char >= w.start_char AND m.end_char <= w.end_char
    JOIN entities AS about ON about.entity_id = m.entity_id
    WHERE w.speaker IS NOT NULL
    GROUP BY ALL
)
SELECT *, rank() OVER (PARTITION BY about_entity_id ORDER BY quotes DESC) AS speaker_rank
FROM counted;
