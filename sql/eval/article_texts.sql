-- The loaded corpus documents' text by their id in the corpus (source_id).
SELECT
    source_id,
    text
FROM articles;
