SELECT count(*) AS n FROM lake.$table;
