COMMENT ON TABLE quote_terms IS 'The search index, kept by each night: one row per quote and search term (lower case, no stopwords, Porter stem), as the fts extension indexes; quote_scores(query) and nightdesk search rank by BM25 over it.';
COMMENT ON COLUMN quote_terms.quote_id IS 'The quote (quotes.quote_id).';
COMMENT ON COLUMN quote_terms.article_id IS 'Its article: the terms are replaced with the article.';
COMMENT ON COLUMN quote_terms.term IS 'A stemmed word of the quote''s content or speaker_text.';
COMMENT ON COLUMN quote_terms.tf IS 'How often the term occurs in the quote.';
COMMENT ON COLUMN quote_terms.doc_len IS 'How many terms the quote has (BM25 weighs long quotes down).';
