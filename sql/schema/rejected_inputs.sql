CREATE TABLE rejected_inputs (
    run_id VARCHAR NOT NULL,
    source_uri VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    article_id VARCHAR,
    content_hash VARCHAR,
    final BOOLEAN
);
