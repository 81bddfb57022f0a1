-- What the checks see of a small table (entities, aliases, runs, rejections, corrections): all of it.
CREATE OR REPLACE VIEW night.$table AS
SELECT * FROM lake.$table;
