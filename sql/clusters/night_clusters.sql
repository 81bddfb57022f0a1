-- The night's events get their cluster (from `clustered`, registered by flows/load/clusters.py): every event is a
-- cluster of its own until a link joins it to reports of the same happening.
UPDATE night.main.events AS v
SET cluster_id = coalesce(c.cluster_id, v.event_id)
FROM (SELECT e.event_id FROM night.main.events AS e) AS n
LEFT JOIN clustered AS c ON n.event_id = c.event_id
WHERE v.event_id = n.event_id;
