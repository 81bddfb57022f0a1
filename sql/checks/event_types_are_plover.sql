-- Event types must be PLOVER types (seeds/plover_types.csv); offsets must cut the trigger out of the article.
SELECT
    v.event_id,
    v.event_type,
    v.trigger,
    substr(a.text, v.start_char + 1, v.end_char - v.start_char) AS sliced
FROM events AS v
JOIN articles AS a USING (article_id)
WHERE
    v.event_type NOT IN (SELECT p.event_type FROM plover_types AS p)
    OR substr(a.text, v.start_char + 1, v.end_char - v.start_char) IS DISTINCT FROM v.trigger;
