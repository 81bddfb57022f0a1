CREATE VIEW entity_cooccurrence AS
WITH per_article AS (
    SELECT DISTINCT
        m.article_id,
        m.entity_id
    FROM entity_mentions AS m
    INNER JOIN articles AS x ON m.article_id = x.article_id
    WHERE m.entity_id IS NOT NULL AND x.duplicate_of IS NULL
)

SELECT
    a.entity_id AS entity_a,
    b.entity_id AS entity_b,
    ea.canonical_name AS name_a,
    eb.canonical_name AS name_b,
    count(*) AS articles
FROM per_article AS a
JOIN per_article AS b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
JOIN entities AS ea ON a.entity_id = ea.entity_id
JOIN entities AS eb ON b.entity_id = eb.entity_id
GROUP BY ALL;
