-- The night's articles get their story (from `assigned`, registered by flows/load/stories.py).
UPDATE night.main.articles AS a
SET
    story_id = s.story_id,
    duplicate_of = s.duplicate_of,
    copy_match = s.copy_match,
    copy_similarity = s.copy_similarity
FROM assigned AS s
WHERE a.article_id = s.article_id;
