CREATE VIEW events_per_country_day AS
-- Events per country of their place and day of the event (the publication day when the text gives none: see date_source).
SELECT
    location_country_code AS country_code,
    event_date AS day,
    event_type,
    count(*) AS events,
    count(DISTINCT article_id) AS articles,
    sum(killed) AS killed,
    sum(injured) AS injured,
    sum(arrested) AS arrested
FROM event_timeline
WHERE location_country_code IS NOT NULL
GROUP BY ALL;
