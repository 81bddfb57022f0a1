DROP TABLE IF EXISTS night.$table;
