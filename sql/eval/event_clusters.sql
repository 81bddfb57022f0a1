-- Each loaded corpus record's events and their cross-article clusters (flows/evaluate/clusters.py).
SELECT
    a.source_id,
    v.event_id,
    v.event_type,
    coalesce(v.cluster_id, v.event_id) AS cluster_id
FROM events AS v
INNER JOIN articles AS a ON v.article_id = a.article_id;
