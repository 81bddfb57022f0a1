COMMENT ON VIEW events_per_location_week IS 'Events per place, week and type, with casualty sums.';
COMMENT ON COLUMN events_per_location_week.location IS 'The place.';
COMMENT ON COLUMN events_per_location_week.location_entity_id IS 'The place''s entity.';
COMMENT ON COLUMN events_per_location_week.week IS 'Monday of the event''s week (events.event_date at date_precision day or week); null when the text gives no week (a month, a year, or none).';
COMMENT ON COLUMN events_per_location_week.event_type IS 'PLOVER type.';
COMMENT ON COLUMN events_per_location_week.events IS 'Number of events.';
COMMENT ON COLUMN events_per_location_week.killed IS 'Sum of people killed, as stated.';
COMMENT ON COLUMN events_per_location_week.injured IS 'Sum of people injured, as stated.';
COMMENT ON COLUMN events_per_location_week.arrested IS 'Sum of people arrested, as stated.';
