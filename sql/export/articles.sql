SELECT
    *,
    coalesce(strftime(published_at, '%Y-%m'), 'unknown') AS published_month
FROM articles;
