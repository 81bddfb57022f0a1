SELECT
    *,
    coalesce(strftime(first_published_at, '%Y-%m'), 'unknown') AS published_month
FROM stories;
