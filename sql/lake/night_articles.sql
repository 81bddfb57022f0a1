-- Every article the night's staged files name (in any table), for the checks' views of the night.
CREATE OR REPLACE TABLE night.night_articles AS
SELECT DISTINCT article_id FROM read_parquet($files, union_by_name = true);
