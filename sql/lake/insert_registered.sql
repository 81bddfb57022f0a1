-- Rows the run holds in memory (registered as `incoming`) into the lake.
INSERT INTO lake.$table BY NAME
SELECT * FROM incoming;
