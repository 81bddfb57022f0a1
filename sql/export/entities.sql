-- An entity belongs to the month of the earliest article that mentions it.
SELECT
    e.*,
    coalesce(strftime(f.first_published_at, '%Y-%m'), 'unknown') AS published_month
FROM entities AS e
LEFT JOIN entity_first_seen AS f ON e.entity_id = f.entity_id;
