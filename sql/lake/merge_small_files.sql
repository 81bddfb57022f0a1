-- A table's small files without deletes, joined into files of up to the lake's target size. DuckLake keeps which
-- snapshot wrote each row, so time travel and the change feed read as before; the old files are scheduled for
-- deletion (sql/lake/cleanup_old_files.sql removes them when an analyst's news.duckdb can no longer read them).
CALL ducklake_merge_adjacent_files('lake', $table_name, max_file_size => $size);
