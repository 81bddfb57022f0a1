-- The data files of a table ($table_name) at the attached snapshot, each with its delete file (null when none).
SELECT
    data_file,
    delete_file
FROM ducklake_list_files('lake', $table_name);
