CREATE TABLE input_warnings (
    run_id VARCHAR NOT NULL,
    source_uri VARCHAR NOT NULL,
    article_id VARCHAR,
    field VARCHAR NOT NULL,
    value VARCHAR,
    reason VARCHAR NOT NULL
);
