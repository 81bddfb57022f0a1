-- The rows of the articles the night replaces ($table: one of the article tables; `gone` is registered by the run).
DELETE FROM lake.$table
WHERE article_id IN (SELECT g.article_id FROM gone AS g);
