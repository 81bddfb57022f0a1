-- The month of the week's Monday (weeks that straddle two months go to the first).
SELECT
    *,
    coalesce(strftime(week, '%Y-%m'), 'unknown') AS published_month
FROM events_per_location_week;
