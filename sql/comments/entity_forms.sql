COMMENT ON TABLE entity_forms IS 'How often each entity is written each way: the mentions of entity_mentions counted by entity, text and label, kept by each night (the registry names an entity by its most frequent multi-word form without reading every mention).';
COMMENT ON COLUMN entity_forms.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_forms.mention_text IS 'One way the articles write it (entity_mentions.mention_text).';
COMMENT ON COLUMN entity_forms.label IS 'The spaCy label of those mentions.';
COMMENT ON COLUMN entity_forms.mentions IS 'How many mentions write it so (always more than 0).';
