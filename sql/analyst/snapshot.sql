-- Which lake snapshot this analyst file shows, the data folder its views read, and when it was written.
CREATE TABLE lake_snapshot AS
SELECT
    $snapshot::BIGINT AS snapshot_id,
    $data_path::VARCHAR AS data_path,
    now()::TIMESTAMP AS built_at;
