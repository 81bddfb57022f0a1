-- The night's articles get the entities they name (corrected, in the order of their ids), before the clusters are
-- found: articles.entity_ids.
UPDATE night.main.articles AS a
SET entity_ids = n.entity_ids
FROM (
    SELECT
        m.article_id,
        list(DISTINCT m.entity_id ORDER BY m.entity_id) AS entity_ids
    FROM night.main.entity_mentions AS m
    WHERE m.entity_id IS NOT NULL
    GROUP BY m.article_id
) AS n
WHERE a.article_id = n.article_id;
