SELECT
    *,
    coalesce(strftime(published_at, '%Y-%m'), 'unknown') AS published_month
FROM quotes_mentioning_entity;
