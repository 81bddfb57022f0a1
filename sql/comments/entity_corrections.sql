COMMENT ON TABLE entity_corrections IS 'Corrections a person made to entities (nightdesk entities merge/split/rename/retype), from the warehouse folder''s corrections.csv; applied to the lake in order by every night, so no later night undoes them.';
COMMENT ON COLUMN entity_corrections.correction_no IS 'Order of the correction (its line in corrections.csv, from 1).';
COMMENT ON COLUMN entity_corrections.action IS 'merge (other is an entity merged into entity_id), split (other is an alias moved to an entity of its own) rename (other is the new canonical name) or retype (other is the new entity_type).';
COMMENT ON COLUMN entity_corrections.entity_id IS 'The entity corrected (for merge: the one kept).';
COMMENT ON COLUMN entity_corrections.other IS 'The merged entity id, the split alias, the new name or the new type.';
COMMENT ON COLUMN entity_corrections.made_at IS 'When the correction was made.';
