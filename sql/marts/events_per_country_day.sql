CREATE VIEW events_per_country_day AS
-- Events per country of their place and day of the event (the publication day when the text gives none: see date_source);
-- null when the text gives no day (a year, a month, a week or none: date_precision), never its first day.
SELECT
    location_country_code AS country_code,
    CASE WHEN coalesce(date_precision, 'day') = 'day' THEN event_date END AS day,
    event_type,
    count(*) AS events,
    count(DISTINCT article_id) AS articles,
    sum(killed) AS killed,
    sum(injured) AS injured,
    sum(arrested) AS arrested
FROM event_timeline
WHERE location_country_code IS NOT NULL
GROUP BY ALL;
