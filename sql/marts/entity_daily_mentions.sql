CREATE VIEW entity_daily_mentions AS
SELECT
    e.entity_id,
    e.canonical_name,
    e.entity_type,
    a.published_at::DATE AS day,
    count(*) AS mentions,
    count(DISTINCT m.article_id) AS articles
FROM entity_mentions AS m
JOIN entities AS e USING (entity_id)
JOIN articles AS a USING (article_id)
WHERE a.duplicate_of IS NULL
GROUP BY ALL;
