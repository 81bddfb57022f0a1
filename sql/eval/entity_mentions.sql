-- The system's mentions with their entities, for scoring against GUM-style gold.
SELECT
    article_id,
    start_char,
    end_char,
    entity_id,
    mention_text
FROM entity_mentions;
