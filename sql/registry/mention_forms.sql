-- How often each entity the night touched is written each way once the night is in: its counts in entity_forms, less
-- those of the articles the night replaces (`gone_forms`), plus the night's own. The registry names an entity by its
-- most frequent multi-word form; an entity the night did not touch keeps the name it has.
SELECT
    f.entity_id,
    f.mention_text,
    f.label,
    sum(f.mentions)::BIGINT AS mentions
FROM (
    SELECT
        l.entity_id,
        l.mention_text,
        l.label,
        l.mentions
    FROM lake.entity_forms AS l
    WHERE l.entity_id IN (SELECT t.entity_id FROM touched_entities AS t)
    UNION ALL
    SELECT
        g.entity_id,
        g.mention_text,
        g.label,
        -g.mentions AS mentions
    FROM gone_forms AS g
    UNION ALL
    SELECT
        n.entity_id,
        n.mention_text,
        n.label,
        count(*) AS mentions
    FROM night.main.entity_mentions AS n
    WHERE n.entity_id IS NOT NULL
    GROUP BY ALL
) AS f
GROUP BY ALL
HAVING sum(f.mentions) > 0
ORDER BY ALL;
