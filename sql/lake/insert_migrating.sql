-- A table's rows from the old lake's files (the view `migrating.<table>`, in memory) into the DuckLake.
INSERT INTO lake.$table BY NAME
SELECT * FROM migrating.$table;
