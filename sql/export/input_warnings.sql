SELECT
    x.*,
    coalesce(strftime(r.started_at, '%Y-%m'), 'unknown') AS published_month
FROM input_warnings AS x
LEFT JOIN runs AS r USING (run_id);
