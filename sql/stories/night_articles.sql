-- The night's articles: when each was published (the earliest copy of a story names it) and its body, whose
-- signature the load makes.
SELECT
    article_id,
    published_at,
    substr(text, coalesce(body_start_char, 0) + 1) AS body
FROM night.main.articles;
