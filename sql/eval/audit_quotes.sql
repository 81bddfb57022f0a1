-- Every quote of a night with its speaker's entity and its article's text, for a reader to judge
-- (flows/evaluate/quote_audit.py).
SELECT
    q.quote_id,
    q.article_id,
    a.source_id,
    q.start_char,
    q.end_char,
    q.quote_type,
    q.cue,
    q.speaker_text,
    q.speaker_start_char,
    q.speaker_end_char,
    e.canonical_name AS speaker_entity,
    e.entity_type AS speaker_entity_type,
    q.via_text,
    q.spans,
    a.text
FROM quotes AS q
INNER JOIN articles AS a ON q.article_id = a.article_id
LEFT JOIN entities AS e ON q.speaker_entity_id = e.entity_id
ORDER BY q.quote_id;
