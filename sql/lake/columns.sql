-- The tables and columns the lake ($database) has now: what a newer version's DDL must still add.
SELECT
    table_name,
    column_name
FROM duckdb_columns()
WHERE database_name = $database AND schema_name = 'main';
