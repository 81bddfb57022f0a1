-- What the checks see of an article table: the night's articles' rows only, as the transaction leaves them.
CREATE OR REPLACE VIEW night.$table AS
SELECT * FROM lake.$table
WHERE article_id IN (SELECT n.article_id FROM night.night_articles AS n);
