-- The search terms of `quotes` (the night's, by the session's search path), as DuckDB's fts extension indexes a
-- document: lower case, accents and digits and punctuation gone, English stopwords (`stopwords`, the extension's own
-- list) left out, Porter stems. One row per quote and term with its count, and the quote's number of terms.
WITH words AS (
    SELECT
        q.quote_id,
        q.article_id,
        unnest(
            string_split_regex(
                regexp_replace(
                    lower(strip_accents(q.content || ' ' || coalesce(q.speaker_text, ''))),
                    '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+', ' ', 'g'
                ),
                '\s+'
            )
        ) AS word
    FROM quotes AS q
),

terms AS (
    SELECT
        w.quote_id,
        w.article_id,
        stem(w.word, 'porter') AS term
    FROM words AS w
    WHERE w.word <> '' AND w.word NOT IN (SELECT s.sw FROM stopwords AS s)
)

SELECT
    quote_id,
    any_value(article_id) AS article_id,
    term,
    count(*)::INTEGER AS tf,
    (sum(count(*)) OVER (PARTITION BY quote_id))::INTEGER AS doc_len
FROM terms
GROUP BY quote_id, term;
