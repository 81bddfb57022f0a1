CREATE VIEW quotes_mentioning_entity AS
-- One row per quote and entity mentioned within the quoted words.
SELECT DISTINCT
    m.entity_id,
    e.canonical_name,
    e.entity_type,
    w.quote_id,
    w.speaker,
    w.content,
    w.title,
    w.published_at,
    w.speaker_entity_id
FROM who_said_what AS w
INNER JOIN entity_mentions AS m
    ON w.article_id = m.article_id AND w.start_char <= m.start_char AND w.end_char >= m.end_char
INNER JOIN entities AS e ON m.entity_id = e.entity_id;
