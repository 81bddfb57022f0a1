-- Every article of the night names its story; a later copy points to its story's first copy (duplicate_of =
-- story_id), a first copy to itself (story_id = article_id, duplicate_of null).
SELECT
    article_id,
    story_id,
    duplicate_of
FROM articles
WHERE
    story_id IS NULL
    OR (duplicate_of IS NULL AND story_id != article_id)
    OR (duplicate_of IS NOT NULL AND (duplicate_of != story_id OR duplicate_of = article_id));
