-- Where did things happen, week by week?
SELECT
    week,
    location,
    sum(events) AS events,
    sum(killed) AS killed,
    sum(injured) AS injured
FROM events_per_location_week
GROUP BY week, location
ORDER BY week DESC, events DESC;
