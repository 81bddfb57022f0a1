-- The name forms of the articles the night replaces (`gone`), counted: the night subtracts them from entity_forms.
SELECT
    m.entity_id,
    m.mention_text,
    m.label,
    count(*) AS mentions
FROM lake.entity_mentions AS m
WHERE m.article_id IN (SELECT g.article_id FROM gone AS g) AND m.entity_id IS NOT NULL
GROUP BY ALL;
