-- Stories of the lake that a night's article joins to an earlier copy (`moved`: old story → new story): every copy
-- now points to the earliest.
UPDATE lake.articles AS a
SET
    story_id = m.story_id,
    duplicate_of = m.story_id,
    copy_match = coalesce(a.copy_match, m.copy_match),
    copy_similarity = coalesce(a.copy_similarity, m.copy_similarity)
FROM moved AS m
WHERE coalesce(a.story_id, a.article_id) = m.old_story_id;
