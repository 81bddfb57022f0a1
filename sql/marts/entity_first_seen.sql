CREATE VIEW entity_first_seen AS
-- When each entity first appeared in the news, and in how many articles it appears in all.
SELECT
    m.entity_id,
    min(a.published_at) AS first_published_at,
    max(a.published_at) AS last_published_at,
    count(DISTINCT m.article_id) AS articles,
    any_value(e.canonical_name) AS canonical_name
FROM entity_mentions AS m
INNER JOIN articles AS a USING (article_id)
INNER JOIN entities AS e ON m.entity_id = e.entity_id
WHERE a.duplicate_of IS NULL
GROUP BY m.entity_id;
