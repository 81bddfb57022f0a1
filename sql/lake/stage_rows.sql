-- The night's rows of a table ($files: its staged Parquet files), in the night database, before the transaction.
CREATE OR REPLACE TABLE night.$table AS
SELECT * FROM read_parquet($files, union_by_name = true);
