COMMENT ON VIEW entity_cooccurrence IS 'One row per pair of entities mentioned in the same article (entity_a < entity_b), with how many articles. Copies of a story (see stories) are counted once: only its first copy''s rows are read.';
COMMENT ON COLUMN entity_cooccurrence.entity_a IS 'First entity of the pair (the smaller id).';
COMMENT ON COLUMN entity_cooccurrence.entity_b IS 'Second entity of the pair.';
COMMENT ON COLUMN entity_cooccurrence.name_a IS 'Canonical name of entity_a.';
COMMENT ON COLUMN entity_cooccurrence.name_b IS 'Canonical name of entity_b.';
COMMENT ON COLUMN entity_cooccurrence.articles IS 'Articles mentioning both.';
