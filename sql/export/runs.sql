-- Runs and their rejections have no publication date: they belong to the month the run started.
SELECT
    *,
    strftime(started_at, '%Y-%m') AS published_month
FROM runs;
