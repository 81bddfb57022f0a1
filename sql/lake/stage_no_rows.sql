-- A table the night stages no rows for: an empty table of its columns in the night database, for the checks.
CREATE OR REPLACE TABLE night.$table AS
SELECT * FROM lake.$table
WHERE false;
