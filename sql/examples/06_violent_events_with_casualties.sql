-- Violent events with stated casualties, with who, whom, where and when.
SELECT
    event_date,
    event_type,
    event_mode,
    actor,
    target,
    location,
    killed,
    injured,
    arrested,
    title
FROM event_timeline
WHERE
    event_type IN ('ASSAULT', 'PROTEST', 'COERCE')
    AND coalesce(killed, 0) + coalesce(injured, 0) + coalesce(arrested, 0) > 0
ORDER BY event_date DESC NULLS LAST;
