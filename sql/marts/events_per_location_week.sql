CREATE VIEW events_per_location_week AS
-- Events per place and ISO week of the event (of publication when the event date is unknown).
SELECT
    location,
    location_entity_id,
    date_trunc('week', coalesce(event_date, published_at::DATE)) AS week,
    event_type,
    count(*) AS events,
    sum(killed) AS killed,
    sum(injured) AS injured,
    sum(arrested) AS arrested
FROM event_timeline
WHERE location IS NOT NULL
GROUP BY ALL;
