CREATE VIEW who_said_what AS
SELECT
    q.quote_id,
    q.article_id,
    coalesce(e.canonical_name, q.speaker_text) AS speaker,
    q.speaker_text,
    q.speaker_entity_id,
    e.entity_type AS speaker_type,
    q.quote_type,
    q.cue,
    q.content,
    q.start_char,
    q.end_char,
    a.title,
    a.url,
    a.publisher,
    a.published_at,
    coalesce(a.story_id, a.article_id) AS story_id
FROM quotes AS q
JOIN articles AS a USING (article_id)
LEFT JOIN entities AS e ON q.speaker_entity_id = e.entity_id
WHERE a.duplicate_of IS NULL;
