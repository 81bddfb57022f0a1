-- A statement's syntax tree as JSON (flows/load/readonly.py reads the table functions it names before it runs).
SELECT json_serialize_sql($q) AS tree;
