CREATE TABLE entities (
    entity_id VARCHAR PRIMARY KEY,
    canonical_name VARCHAR NOT NULL,
    entity_type VARCHAR NOT NULL,
    first_run_id VARCHAR,
    country_entity_id VARCHAR
);
