COMMENT ON VIEW quotes_mentioning_entity IS 'One row per quote and entity mentioned within the quoted words.';
COMMENT ON COLUMN quotes_mentioning_entity.entity_id IS 'The entity mentioned.';
COMMENT ON COLUMN quotes_mentioning_entity.canonical_name IS 'Its canonical name.';
COMMENT ON COLUMN quotes_mentioning_entity.entity_type IS 'Its type.';
COMMENT ON COLUMN quotes_mentioning_entity.quote_id IS 'The quote.';
COMMENT ON COLUMN quotes_mentioning_entity.speaker IS 'Who said it.';
COMMENT ON COLUMN quotes_mentioning_entity.content IS 'What was said.';
COMMENT ON COLUMN quotes_mentioning_entity.title IS 'Article headline.';
COMMENT ON COLUMN quotes_mentioning_entity.published_at IS 'Article publication time (UTC).';
