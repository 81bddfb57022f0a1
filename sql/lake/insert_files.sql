-- A table's staged rows ($files: Parquet files the night's batches wrote) into the lake.
INSERT INTO lake.$table BY NAME
SELECT * FROM read_parquet($files, union_by_name = true);
