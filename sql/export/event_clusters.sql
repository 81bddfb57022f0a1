SELECT
    *,
    coalesce(strftime(first_reported_at, '%Y-%m'), 'unknown') AS published_month
FROM event_clusters;
