CREATE TABLE entity_corrections (
    correction_no INTEGER PRIMARY KEY,
    action VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    other VARCHAR NOT NULL,
    made_at TIMESTAMP
);
