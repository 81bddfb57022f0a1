-- fts_main_quotes.match_bm25(quote_id, 'words'), as analysts called it when the fts extension built the index:
-- the quote's BM25 score (null when it holds none of the words). `fields` and `conjunctive` are not supported.
-- docname, query_string, k and b are the macro's parameters, not columns (hence the noqa).
CREATE MACRO fts_main_quotes.match_bm25(docname, query_string, k := 1.2, b := 0.75) AS (
    SELECT s.score
    FROM quote_scores(query_string, k := k, b := b) AS s  -- noqa: RF02, RF03
    WHERE s.quote_id = docname  -- noqa: RF02, RF03
);
