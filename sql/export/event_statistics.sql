SELECT
    t.*,
    coalesce(strftime(a.published_at, '%Y-%m'), 'unknown') AS published_month
FROM event_statistics AS t
JOIN articles AS a USING (article_id);
