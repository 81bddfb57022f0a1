-- The rows of the night's articles in an article table, as the night's transaction leaves them, for the checks.
CREATE OR REPLACE TEMP TABLE $table AS
SELECT * FROM lake.$table
WHERE article_id IN (SELECT n.article_id FROM night.night_articles AS n);
