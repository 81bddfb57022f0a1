-- Does a SQLite file hold a DuckLake catalog (read with Python's sqlite3, before DuckDB would make a new one)?
SELECT count(*) > 0 AS found
FROM sqlite_master
WHERE type = 'table' AND name = 'ducklake_snapshot';
