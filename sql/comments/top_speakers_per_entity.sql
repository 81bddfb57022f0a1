COMMENT ON VIEW top_speakers_per_entity IS 'Who speaks about an entity: per entity mentioned inside quotes, each speaker with a count and rank.';
COMMENT ON COLUMN top_speakers_per_entity.about_entity_id IS 'The entity mentioned in the quotes.';
COMMENT ON COLUMN top_speakers_per_entity.about IS 'Its canonical name.';
COMMENT ON COLUMN top_speakers_per_entity.speaker IS 'The speaker (canonical name, else as written).';
COMMENT ON COLUMN top_speakers_per_entity.speaker_entity_id IS 'The speaker''s entity.';
COMMENT ON COLUMN top_speakers_per_entity.quotes IS 'Quotes by this speaker mentioning the entity.';
COMMENT ON COLUMN top_speakers_per_entity.speaker_rank IS '1 for the speaker who mentions the entity most.';
