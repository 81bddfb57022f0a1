-- The entities mentioned in the articles the night replaces: their names may change tonight.
SELECT DISTINCT m.entity_id
FROM lake.entity_mentions AS m
WHERE m.article_id IN (SELECT g.article_id FROM gone AS g) AND m.entity_id IS NOT NULL;
