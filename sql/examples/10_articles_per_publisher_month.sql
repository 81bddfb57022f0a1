-- Coverage: articles per publisher and month.
SELECT
    coalesce(publisher, '(unknown)') AS publisher,
    strftime(published_at, '%Y-%m') AS month,
    count(*) AS articles
FROM articles
GROUP BY ALL
ORDER BY month DESC NULLS LAST, articles DESC;
