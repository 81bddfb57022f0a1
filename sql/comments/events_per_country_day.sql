COMMENT ON VIEW events_per_country_day IS 'Events per country (of the event''s place, through GeoNames), day and PLOVER type; events without a place in a known country are left out.';
COMMENT ON COLUMN events_per_country_day.country_code IS 'ISO 3166-1 alpha-2 country of the event''s place.';
COMMENT ON COLUMN events_per_country_day.day IS 'The event''s day (events.event_date at date_precision day: the day the text names, or the publication day of an act the scorer reads as the day''s news); null when the text gives no day (a week, a month, a year, or none), never the first day of a period.';
COMMENT ON COLUMN events_per_country_day.event_type IS 'PLOVER type.';
COMMENT ON COLUMN events_per_country_day.events IS 'Events.';
COMMENT ON COLUMN events_per_country_day.articles IS 'Articles reporting them.';
COMMENT ON COLUMN events_per_country_day.killed IS 'People reported killed (sum over the events).';
COMMENT ON COLUMN events_per_country_day.injured IS 'People reported injured.';
COMMENT ON COLUMN events_per_country_day.arrested IS 'People reported arrested.';
