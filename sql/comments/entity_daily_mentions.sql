COMMENT ON VIEW entity_daily_mentions IS 'One row per entity and publication day: how often it was mentioned, in how many articles. Copies of a story (see stories) are counted once: only its first copy''s rows are read.';
COMMENT ON COLUMN entity_daily_mentions.entity_id IS 'The entity.';
COMMENT ON COLUMN entity_daily_mentions.canonical_name IS 'Its canonical name.';
COMMENT ON COLUMN entity_daily_mentions.entity_type IS 'Its type.';
COMMENT ON COLUMN entity_daily_mentions.day IS 'Publication day (null for articles without a date).';
COMMENT ON COLUMN entity_daily_mentions.mentions IS 'Mentions that day.';
COMMENT ON COLUMN entity_daily_mentions.articles IS 'Articles mentioning it that day.';
