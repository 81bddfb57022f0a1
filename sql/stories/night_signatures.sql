-- The night's articles get their MinHash signature (from `signed`, registered by flows/load/stories.py).
UPDATE night.main.articles AS a
SET minhash = s.minhash
FROM signed AS s
WHERE a.article_id = s.article_id;
