-- What is being said about the United Nations, and by whom?
SELECT
    published_at::DATE AS day,
    speaker,
    content
FROM quotes_mentioning_entity
WHERE canonical_name = 'United Nations'
ORDER BY published_at DESC;
