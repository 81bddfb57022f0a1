-- The English stopwords of the fts extension (from an index it built): no search term is one of them.
SELECT sw FROM fts_main_quotes.stopwords;
