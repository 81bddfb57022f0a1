CREATE TABLE event_statistics (
    statistic_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    value BIGINT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    trigger VARCHAR NOT NULL,
    period_text VARCHAR NOT NULL
);
