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
    w.published_at
FROM who_said_what AS w
JOIN entity_mentions AS m
  ON m.article_id = w.article_id AND m.start_char >= w.start_char AND m.end_char <= w.end_char
JOIN entities AS e ON e.entity_id = m.entity_id;
