-- Clusters of the lake that a night's event links to an earlier report (`moved`: old cluster → new cluster): every
-- report now names the earliest.
UPDATE lake.events AS v
SET cluster_id = m.cluster_id
FROM moved_clusters AS m
WHERE coalesce(v.cluster_id, v.event_id) = m.old_cluster_id;
