-- A table as a past snapshot holds it (the lake is attached at that snapshot), under its own name.
CREATE VIEW memory.main.$table AS
SELECT * FROM lake.$table;
