COMMENT ON TABLE entity_aliases IS 'Every surface form an entity was written as; grows with every run.';
COMMENT ON COLUMN entity_aliases.entity_id IS 'The entity.';
COMMENT ON COLUMN entity_aliases.alias IS 'A form as written in an article ("Mr. al-Kadhimi", "al-Kadhimi’s").';
