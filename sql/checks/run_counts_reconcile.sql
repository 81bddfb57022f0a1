-- Every input a run saw was loaded, found unchanged or rejected: nothing is dropped silently.
SELECT
    run_id,
    articles_seen,
    articles_loaded,
    articles_unchanged,
    articles_rejected
FROM runs
WHERE articles_seen <> articles_loaded + articles_unchanged + articles_rejected;
