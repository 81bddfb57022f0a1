CREATE TABLE entity_mentions (
    mention_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    mention_text VARCHAR NOT NULL,
    label VARCHAR NOT NULL
);
