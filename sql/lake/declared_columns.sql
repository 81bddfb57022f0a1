-- The columns a table's DDL (sql/schema/) declares, in order, with whether they may be null.
SELECT
    column_name,
    data_type,
    is_nullable
FROM duckdb_columns()
WHERE table_name = $table_name
ORDER BY column_index;
