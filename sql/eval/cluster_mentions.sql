-- Every place each dated event is reported (only dated events are clustered), per source record, with its cluster
-- and confidence (flows/evaluate/real_clusters.py).
SELECT
    a.source_id,
    v.event_id,
    v.event_type,
    coalesce(v.cluster_id, v.event_id) AS cluster_id,
    m.start_char,
    m.end_char,
    v.confidence
FROM event_mentions AS m
INNER JOIN events AS v ON m.event_id = v.event_id
INNER JOIN articles AS a ON v.article_id = a.article_id
WHERE v.event_date IS NOT NULL;
