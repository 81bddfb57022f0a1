-- An alias belongs to the month of the earliest article that mentions its entity.
SELECT x.*, coalesce(strftime(first_seen.published_at, '%Y-%m'), 'unknown') AS published_month
FROM entity_aliases AS x
LEFT JOIN (
    SELECT m.entity_id, min(a.published_at) AS published_at
    FROM entity_mentions AS m JOIN articles AS a USING (article_id)
    GROUP BY m.entity_id
) AS first_seen USING (entity_id);
