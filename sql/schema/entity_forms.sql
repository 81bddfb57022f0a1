CREATE TABLE entity_forms (
    entity_id VARCHAR NOT NULL,
    mention_text VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    mentions BIGINT NOT NULL
);
