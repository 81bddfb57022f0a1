COMMENT ON VIEW entity_first_seen IS 'One row per mentioned entity: when it first and last appeared, in how many articles. Copies of a story (see stories) are counted once: only its first copy''s rows are read.';
COMMENT ON COLUMN entity_first_seen.entity_id IS 'The entity.';
COMMENT ON COLUMN entity_first_seen.first_published_at IS 'Publication time of the earliest article mentioning it.';
COMMENT ON COLUMN entity_first_seen.last_published_at IS 'Publication time of the latest article mentioning it.';
COMMENT ON COLUMN entity_first_seen.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN entity_first_seen.canonical_name IS 'The entity''s canonical name.';
