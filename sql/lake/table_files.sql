-- A table's files ($table_name) at the attached snapshot: how many are small (under $size bytes), and the bytes of
-- them all.
SELECT
    count(*) FILTER (WHERE data_file_size_bytes < $size) AS small_files,
    coalesce(sum(data_file_size_bytes), 0) AS total_bytes
FROM ducklake_list_files('lake', $table_name);
