-- BM25 over quote_terms, as DuckDB's fts extension scores (k = 1.2, b = 0.75 by default): one row per quote that
-- holds a word of $query_string. A query's words are tokenized and stemmed as the quotes' were (needs the fts
-- extension loaded, for stem()). Kept up to date by each night's rows, not rebuilt. k and b are the macro's
-- parameters, not columns (hence the noqa).
CREATE MACRO quote_scores(query_string, k := 1.2, b := 0.75) AS TABLE
    WITH tokens AS (
        SELECT DISTINCT stem(w.word, 'porter') AS term
        FROM (
            SELECT
                unnest(
                    string_split_regex(
                        regexp_replace(
                            lower(strip_accents(cast(query_string AS varchar))),
                            '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+', ' ', 'g'
                        ),
                        '\s+'
                    )
                ) AS word
        ) AS w
        WHERE w.word <> ''
    ),

    collection AS (
        SELECT
            (SELECT count(*) FROM quotes) AS num_docs,
            (SELECT coalesce(sum(t.tf), 0) FROM quote_terms AS t) / greatest((SELECT count(*) FROM quotes), 1) AS avgdl
    ),

    hits AS (
        SELECT
            t.quote_id,
            t.term,
            t.tf,
            t.doc_len
        FROM quote_terms AS t
        WHERE t.term IN (SELECT tokens.term FROM tokens)
    ),

    df AS (
        SELECT
            term,
            count(*) AS df
        FROM hits
        GROUP BY term
    )

    SELECT
        h.quote_id,
        sum(
            log(((c.num_docs - d.df + 0.5) / (d.df + 0.5)) + 1)
            * ((h.tf * (k + 1)) / (h.tf + k * (1 - b + b * (h.doc_len / c.avgdl))))  -- noqa: RF02
        ) AS score
    FROM hits AS h
    JOIN df AS d ON h.term = d.term
    CROSS JOIN collection AS c
    GROUP BY h.quote_id;
