CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    source_id VARCHAR,
    source_uri VARCHAR,
    url VARCHAR,
    title VARCHAR,
    author VARCHAR,
    publisher VARCHAR,
    published_at TIMESTAMP,
    published_offset_minutes INTEGER,
    text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    extra VARCHAR,
    body_start_char INTEGER,
    language VARCHAR,
    language_confidence DOUBLE
);
