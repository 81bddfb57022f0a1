-- A day-by-day trend line for one entity (every day with at least one mention).
SELECT
    day,
    mentions,
    articles
FROM entity_daily_mentions
WHERE canonical_name = 'United States'
ORDER BY day;
