-- A country-day belongs to the month of its day.
SELECT
    *,
    coalesce(strftime(day, '%Y-%m'), 'unknown') AS published_month
FROM events_per_country_day;
