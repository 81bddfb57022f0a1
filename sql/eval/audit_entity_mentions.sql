-- Every entity mention with its article's text, for showing an entity's mentions in context to a reader.
SELECT
    m.entity_id,
    m.article_id,
    m.start_char,
    m.end_char,
    m.mention_text,
    a.text
FROM entity_mentions AS m
INNER JOIN articles AS a ON m.article_id = a.article_id
WHERE m.entity_id IS NOT NULL
ORDER BY m.entity_id, m.article_id, m.start_char;
