SELECT
    *,
    coalesce(strftime(day, '%Y-%m'), 'unknown') AS published_month
FROM entity_tone_daily;
