-- Each article's story and signature after a night of planted copies: the lake's and the night's
-- (flows/evaluate/copies.py).
SELECT
    article_id,
    coalesce(story_id, article_id) AS story_id,
    minhash
FROM lake.main.articles
UNION ALL
SELECT
    article_id,
    coalesce(story_id, article_id) AS story_id,
    minhash
FROM night.main.articles;
