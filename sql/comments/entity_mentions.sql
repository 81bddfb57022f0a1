COMMENT ON TABLE entity_mentions IS 'One row per named-entity mention in an article.';
COMMENT ON COLUMN entity_mentions.mention_id IS 'Key, derived from article and offsets.';
COMMENT ON COLUMN entity_mentions.article_id IS 'The article.';
COMMENT ON COLUMN entity_mentions.entity_id IS 'The entity mentioned (null when nothing nameable was left after normalization).';
COMMENT ON COLUMN entity_mentions.start_char IS 'Start offset in articles.text.';
COMMENT ON COLUMN entity_mentions.end_char IS 'End offset in articles.text (exclusive).';
COMMENT ON COLUMN entity_mentions.mention_text IS 'The mention as written: text[start_char:end_char].';
COMMENT ON COLUMN entity_mentions.label IS 'Entity type of the mention after label repair.';
