-- Every row of a table the run writes anew (the entity tables when the registry changed, the corrections list).
DELETE FROM lake.$table;
