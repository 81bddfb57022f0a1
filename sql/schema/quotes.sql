CREATE TABLE quotes (
    quote_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    content VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    quote_type VARCHAR NOT NULL,
    cue VARCHAR,
    speaker_text VARCHAR,
    speaker_entity_id VARCHAR,
    speaker_start_char INTEGER,
    speaker_end_char INTEGER,
    cue_start_char INTEGER,
    spans VARCHAR,
    tone DOUBLE,
    via_text VARCHAR,
    via_start_char INTEGER,
    via_end_char INTEGER
);
