-- Counted over the whole warehouse, so no month is its own: one partition named all.
SELECT
    *,
    'all' AS published_month
FROM entity_cooccurrence;
