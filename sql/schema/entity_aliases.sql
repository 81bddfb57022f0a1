CREATE TABLE entity_aliases (
    entity_id VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
