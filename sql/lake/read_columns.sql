-- Some columns ($columns) of a table, at the snapshot the session attached.
SELECT COLUMNS(c -> list_contains($columns, c)) FROM lake.$table;
