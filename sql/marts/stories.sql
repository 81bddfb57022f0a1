CREATE VIEW stories AS
-- One row per story: an article and its copies (the same text syndicated or repeated, lightly edited or cut, or the
-- same page at another URL), named for its earliest copy. Every other analyst view reads only that first copy.
WITH copies AS (
    SELECT
        coalesce(story_id, article_id) AS story_id,
        article_id,
        publisher,
        published_at
    FROM articles
)

SELECT
    c.story_id,
    any_value(f.title) AS title,
    any_value(f.publisher) AS first_publisher,
    any_value(f.url) AS first_url,
    min(c.published_at) AS first_published_at,
    max(c.published_at) AS last_published_at,
    count(*) AS articles,
    count(DISTINCT c.publisher) AS publishers,
    list(c.article_id ORDER BY c.published_at ASC NULLS LAST, c.article_id ASC) AS article_ids,
    list(DISTINCT c.publisher ORDER BY c.publisher ASC) FILTER (WHERE c.publisher IS NOT NULL) AS publisher_names
FROM copies AS c
LEFT JOIN articles AS f ON c.story_id = f.article_id
GROUP BY c.story_id;
