CREATE TABLE quote_terms (
    quote_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    term VARCHAR NOT NULL,
    tf INTEGER NOT NULL,
    doc_len INTEGER NOT NULL
);
