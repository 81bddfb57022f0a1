-- An entity belongs to the month of the earliest article that mentions it.
SELECT e.*, coalesce(strftime(first_seen.published_at, '%Y-%m'), 'unknown') AS published_month
FROM entities AS e
LEFT JOIN (
    SELECT m.entity_id, min(a.published_at) AS published_at
    FROM entity_mentions AS m JOIN articles AS a USING (article_id)
    GROUP BY m.entity_id
) AS first_seen USING (entity_id);
