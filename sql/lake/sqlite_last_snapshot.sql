-- The newest snapshot a SQLite DuckLake catalog holds (read with Python's sqlite3: a backup, or the live catalog).
SELECT max(snapshot_id) AS last_snapshot
FROM ducklake_snapshot;
