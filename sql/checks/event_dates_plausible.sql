-- Event dates must be real calendar days in a plausible range: not before 1800, and not more than ten years after
-- the article's publication (planned events may lie ahead; a date decades ahead is a misread expression).
SELECT
    v.event_id,
    v.event_date,
    a.published_at,
    v.date_text
FROM events AS v
JOIN articles AS a USING (article_id)
WHERE
    v.event_date < DATE '1800-01-01'
    OR (a.published_at IS NOT NULL AND v.event_date > a.published_at::DATE + INTERVAL 10 YEAR);
