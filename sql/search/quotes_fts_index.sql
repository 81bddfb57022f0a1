PRAGMA create_fts_index('quotes', 'quote_id', 'content', 'speaker_text', stemmer = 'porter', stopwords = 'english', overwrite = 1);  -- noqa: PRS
