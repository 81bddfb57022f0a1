CREATE VIEW events_per_location_week AS
-- Events per place and ISO week of the event (the publication day when the text gives none: see date_source);
-- null when the text gives no week (a year, a month or none: date_precision).
SELECT
    location,
    location_entity_id,
    CASE WHEN coalesce(date_precision, 'day') IN ('day', 'week') THEN date_trunc('week', event_date) END AS week,
    event_type,
    count(*) AS events,
    sum(killed) AS killed,
    sum(injured) AS injured,
    sum(arrested) AS arrested
FROM event_timeline
WHERE location IS NOT NULL
GROUP BY ALL;
