SELECT
    snapshot_id,
    data_path
FROM lake_snapshot;
