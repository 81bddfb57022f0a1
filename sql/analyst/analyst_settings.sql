-- The settings the analyst views were made with: event_threshold, the confidence they count events from
-- (NIGHTDESK_EVENT_THRESHOLD, else the event scorer's own default).
CREATE OR REPLACE TABLE analyst_settings AS
SELECT CAST($event_threshold AS DOUBLE) AS event_threshold;
