-- The loaded corpus documents: their id in the corpus (source_id) and in the warehouse.
SELECT
    source_id,
    article_id
FROM articles;
