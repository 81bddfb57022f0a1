-- Every entity mention with its article's corpus id and its entity's name and type: the units an entity-kind
-- reader judges are one entity's mentions in one article.
SELECT
    m.article_id,
    a.source_id,
    m.entity_id,
    m.start_char,
    m.end_char,
    m.mention_text,
    m.label,
    e.canonical_name,
    e.entity_type
FROM entity_mentions AS m
INNER JOIN articles AS a ON m.article_id = a.article_id
INNER JOIN entities AS e ON m.entity_id = e.entity_id
ORDER BY m.article_id, m.start_char;
