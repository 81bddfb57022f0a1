COMMENT ON TABLE entities IS 'One row per real-world thing named in the news (person, organisation, place, group, ...).';
COMMENT ON COLUMN entities.entity_id IS 'Stable key: given once when the entity is first seen, never renumbered.';
COMMENT ON COLUMN entities.canonical_name IS 'Its most frequent multi-word form over the whole warehouse (no titles, articles or possessives).';
COMMENT ON COLUMN entities.entity_type IS 'spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE.';
COMMENT ON COLUMN entities.first_run_id IS 'The run that first saw the entity.';
COMMENT ON COLUMN entities.country_entity_id IS 'For a demonym (NORP "Iraqi"): the entity of its country.';
