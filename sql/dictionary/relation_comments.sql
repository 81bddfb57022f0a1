-- The COMMENT of every table and view (sql/comments/), for the data dictionary.
SELECT
    table_name AS relation,
    comment
FROM duckdb_tables()
UNION ALL
SELECT
    view_name AS relation,
    comment
FROM duckdb_views()
WHERE NOT internal;
