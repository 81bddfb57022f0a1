INSERT INTO entity_aliases BY NAME SELECT * FROM read_parquet($files, union_by_name = true);
