COMMENT ON TABLE plover_types IS 'The 16 PLOVER event types, copied from seeds/plover_types.csv on every build (the one list the event rules, the data checks and the tests read).';
COMMENT ON COLUMN plover_types.event_type IS 'PLOVER type, as in events.event_type.';
COMMENT ON COLUMN plover_types.description IS 'What the type covers.';
