-- Every committed snapshot, oldest first; a night's commit message is its run id.
SELECT
    snapshot_id,
    snapshot_time,
    commit_message
FROM lake.snapshots()
ORDER BY snapshot_id;
