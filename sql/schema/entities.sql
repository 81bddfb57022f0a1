CREATE TABLE entities (
    entity_id VARCHAR PRIMARY KEY,
    canonical_name VARCHAR NOT NULL,
    entity_type VARCHAR NOT NULL,
    first_run_id VARCHAR,
    country_entity_id VARCHAR,
    geonames_id BIGINT,
    latitude DOUBLE,
    longitude DOUBLE,
    country_code VARCHAR,
    admin1_code VARCHAR,
    feature_class VARCHAR
);
