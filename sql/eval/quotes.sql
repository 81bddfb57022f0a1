-- The system's quotes per source record, for scoring against PolNeAR-style gold.
SELECT
    a.source_id,
    q.content,
    q.speaker_text,
    e.canonical_name AS speaker_name
FROM quotes AS q
JOIN articles AS a USING (article_id)
LEFT JOIN entities AS e ON q.speaker_entity_id = e.entity_id;
