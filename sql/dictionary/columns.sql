-- The columns of one table or view ($relation), in order, with their types and COMMENTs.
SELECT
    column_name,
    data_type,
    comment
FROM duckdb_columns()
WHERE table_name = $relation
ORDER BY column_index;
