-- Every event row of a night with its article's text, for drawing candidates to read (flows/evaluate/event_labels.py).
SELECT
    e.article_id,
    e.event_id,
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
    e.killed,
    e.injured,
    e.arrested,
    a.title,
    a.text,
    a.source_id,
    CAST(e.event_date AS VARCHAR) AS event_date,
    CAST(a.published_at AS VARCHAR) AS published
FROM events AS e
INNER JOIN articles AS a ON e.article_id = a.article_id
ORDER BY e.article_id, e.start_char, e.event_type;
