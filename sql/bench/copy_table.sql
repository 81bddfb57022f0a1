-- A table that is not copied per article (entities, aliases, runs, ...): as the base warehouse has it.
INSERT INTO lake.$table
SELECT * FROM base.$table;
