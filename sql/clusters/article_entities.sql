-- The entities each article names ($ids: the lake's articles with events the night's may report again, and the
-- night's): articles that report one happening name the same town, people and organisations. The lake's are kept on
-- the article (articles.entity_ids), so this reads one row per article, not the mentions table.
SELECT
    article_id,
    unnest(entity_ids) AS entity_id
FROM lake.articles
WHERE
    article_id IN (SELECT unnest($ids::VARCHAR[]))
    AND article_id NOT IN (SELECT g.article_id FROM gone AS g)
UNION ALL
SELECT
    article_id,
    unnest(entity_ids) AS entity_id
FROM night.main.articles;
