-- Mentions must belong to a loaded article, and name an entity that exists when they name one.
SELECT
    m.mention_id,
    m.article_id,
    m.entity_id
FROM entity_mentions AS m
LEFT JOIN articles AS a USING (article_id)
LEFT JOIN entities AS e ON m.entity_id = e.entity_id
WHERE a.article_id IS NULL OR (m.entity_id IS NOT NULL AND e.entity_id IS NULL);
