SELECT
    *,
    coalesce(strftime(day, '%Y-%m'), 'unknown') AS published_month
FROM event_clusters_daily;
