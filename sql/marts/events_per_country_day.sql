CREATE VIEW events_per_country_day AS
-- Events per country of their place and day of the event (of publication when the event date is unknown).
SELECT
    location_country_code AS country_code,
    coalesce(event_date, published_at::DATE) AS day,
    event_type,
    count(*) AS events,
    count(DISTINCT article_id) AS articles,
    sum(killed) AS killed,
    sum(injured) AS injured,
    sum(arrested) AS arrested
FROM event_timeline
WHERE location_country_code IS NOT NULL
GROUP BY ALL;
