INSERT INTO event_mentions BY NAME SELECT * FROM read_parquet($files, union_by_name = true);
