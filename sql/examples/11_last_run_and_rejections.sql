-- What did the last run do, and what could it not take?
SELECT
    r.run_id,
    r.started_at,
    r.articles_seen,
    r.articles_loaded,
    r.articles_unchanged,
    r.articles_rejected,
    x.source_uri,
    x.reason
FROM runs AS r
LEFT JOIN rejected_inputs AS x USING (run_id)
WHERE r.started_at = (
    SELECT max(last.started_at) FROM runs AS last
    WHERE last.status = 'completed'
);
