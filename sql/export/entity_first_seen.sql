-- Like entities: the month the entity was first seen.
SELECT
    *,
    coalesce(strftime(first_published_at, '%Y-%m'), 'unknown') AS published_month
FROM entity_first_seen;
