-- The entities each article names ($ids: the night's articles and those of the lake's events they may report
-- again): articles that report one happening name the same town, people and organisations.
SELECT DISTINCT
    article_id,
    entity_id
FROM lake.entity_mentions
WHERE
    entity_id IS NOT NULL
    AND article_id IN (SELECT unnest($ids::VARCHAR[]))
    AND article_id NOT IN (SELECT g.article_id FROM gone AS g)
UNION
SELECT DISTINCT
    article_id,
    entity_id
FROM night.main.entity_mentions
WHERE entity_id IS NOT NULL;
