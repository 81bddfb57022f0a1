-- An alias belongs to the month of the earliest article that mentions its entity.
SELECT
    x.*,
    coalesce(strftime(f.first_published_at, '%Y-%m'), 'unknown') AS published_month
FROM entity_aliases AS x
LEFT JOIN entity_first_seen AS f ON x.entity_id = f.entity_id;
