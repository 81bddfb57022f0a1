-- The night's rows of a table, corrected, from the night database into the lake.
INSERT INTO lake.$table BY NAME
SELECT * FROM night.main.$table;
