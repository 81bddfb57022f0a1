-- The articles whose mentions moved to the split-off entity name the entities of their mentions anew
-- (articles.entity_ids, as sql/clusters/night_entity_ids.sql sets them).
UPDATE articles AS a
SET entity_ids = n.entity_ids
FROM (
    SELECT
        m.article_id,
        list(DISTINCT m.entity_id ORDER BY m.entity_id) AS entity_ids
    FROM entity_mentions AS m
    WHERE
        m.entity_id IS NOT NULL
        AND m.article_id IN (
            SELECT k.article_id FROM entity_mentions AS k
            WHERE k.entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16)
        )
    GROUP BY m.article_id
) AS n
WHERE a.article_id = n.article_id;
