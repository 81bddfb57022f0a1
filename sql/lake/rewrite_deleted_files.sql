-- A table's files of which at least $share of the rows are deleted (replaced articles), rewritten without them.
CALL ducklake_rewrite_data_files('lake', $table_name, delete_threshold => $share);
