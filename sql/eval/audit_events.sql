-- The rows an analyst sees (first copies, at or above the threshold $threshold), with their article, for drawing an
-- audit (flows/evaluate/event_audit.py).
SELECT
    e.event_id,
    e.article_id,
    e.event_type,
    e.status,
    e.trigger,
    e.start_char,
    e.end_char,
    e.actor_text,
    e.target_text,
    e.location_text,
    e.date_text,
    e.date_precision,
    e.date_source,
    e.killed,
    e.injured,
    e.arrested,
    e.confidence,
    a.title,
    a.text,
    a.source_id,
    CAST(e.event_date AS VARCHAR) AS event_date,
    CAST(a.published_at AS VARCHAR) AS published
FROM events AS e
INNER JOIN articles AS a ON e.article_id = a.article_id
WHERE a.duplicate_of IS NULL AND e.confidence >= $threshold  -- noqa: RF02
ORDER BY e.event_id;
