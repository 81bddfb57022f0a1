-- The publication time of the lake's articles that begin a story the night's articles join ($ids): the earliest
-- copy of the story they make together begins it.
SELECT
    article_id,
    published_at
FROM lake.articles
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]));
