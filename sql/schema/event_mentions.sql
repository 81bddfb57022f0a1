CREATE TABLE event_mentions (
    mention_id VARCHAR PRIMARY KEY,
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    trigger VARCHAR NOT NULL
);
