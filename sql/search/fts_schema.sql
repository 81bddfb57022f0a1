-- The schema the fts extension's index had: analysts' saved queries call fts_main_quotes.match_bm25.
CREATE SCHEMA fts_main_quotes;
