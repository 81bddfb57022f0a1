-- Every committed snapshot, oldest first; a night's commit message is its run id (its extra info names it too).
SELECT
    snapshot_id,
    snapshot_time,
    commit_message,
    commit_extra_info
FROM lake.snapshots()
ORDER BY snapshot_id;
