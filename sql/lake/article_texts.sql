-- The lake's text of some articles (the night's changed ones: did the text change, or only the metadata?).
SELECT
    article_id,
    text
FROM lake.articles
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]));
