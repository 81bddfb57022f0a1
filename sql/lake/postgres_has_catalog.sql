-- Does the PostgreSQL database attached as `pg` hold a DuckLake catalog?
SELECT count(*) > 0 AS found
FROM duckdb_tables()
WHERE database_name = 'pg' AND table_name = 'ducklake_snapshot';
