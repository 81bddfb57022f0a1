CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    articles_seen INTEGER NOT NULL,
    articles_loaded INTEGER NOT NULL,
    articles_unchanged INTEGER NOT NULL,
    articles_rejected INTEGER NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    inputs VARCHAR,
    articles_outside_window INTEGER,
    pipeline_parts VARCHAR,
    articles_recomputed INTEGER,
    error VARCHAR,
    articles_other_language INTEGER,
    input_warnings INTEGER,
    articles_replaced INTEGER
);
