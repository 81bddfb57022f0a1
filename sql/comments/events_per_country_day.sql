COMMENT ON VIEW events_per_country_day IS 'Events per country (of the event''s place, through GeoNames), day and PLOVER type; events without a place in a known country are left out.';
COMMENT ON COLUMN events_per_country_day.country_code IS 'ISO 3166-1 alpha-2 country of the event''s place.';
COMMENT ON COLUMN events_per_country_day.day IS 'The event''s date, or the article''s publication day when the event date is unknown.';
COMMENT ON COLUMN events_per_country_day.event_type IS 'PLOVER type.';
COMMENT ON COLUMN events_per_country_day.events IS 'Events.';
COMMENT ON COLUMN events_per_country_day.articles IS 'Articles reporting them.';
COMMENT ON COLUMN events_per_country_day.killed IS 'People reported killed (sum over the events).';
COMMENT ON COLUMN events_per_country_day.injured IS 'People reported injured.';
COMMENT ON COLUMN events_per_country_day.arrested IS 'People reported arrested.';
