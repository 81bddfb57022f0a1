-- Every place an event is reported, per source record, for sentence-level police-action scores (IndiaPoliceEvents).
SELECT
    a.source_id,
    m.start_char,
    m.end_char,
    lower(m.trigger) AS trigger,
    v.event_type,
    v.killed,
    v.injured,
    v.arrested,
    v.confidence
FROM event_mentions AS m
INNER JOIN events AS v ON m.event_id = v.event_id
INNER JOIN articles AS a ON v.article_id = a.article_id;
