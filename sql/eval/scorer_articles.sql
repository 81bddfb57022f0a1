-- The articles of a night as its transform read them: text, publication time and offset, where the body starts.
SELECT
    article_id,
    source_id,
    text,
    published_at,
    published_offset_minutes,
    body_start_char
FROM articles
ORDER BY article_id;
