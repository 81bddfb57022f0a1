-- event_threshold(): the confidence the analyst views count events from (analyst_settings).
CREATE OR REPLACE MACRO event_threshold() AS (SELECT event_threshold FROM analyst_settings);
