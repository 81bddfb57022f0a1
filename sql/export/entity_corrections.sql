-- Corrections belong to no month of news: one partition for them all.
SELECT
    *,
    'all' AS published_month
FROM entity_corrections;
