-- A quote's content is its spans cut from the article text (joined by one space when the quote is interrupted),
-- and its first and last span bound start_char and end_char.
WITH parts AS (
    SELECT
        q.quote_id,
        q.content,
        q.start_char,
        q.end_char,
        a.text,
        unnest(from_json(q.spans, '["INTEGER[]"]')) AS span,
        generate_subscripts(from_json(q.spans, '["INTEGER[]"]'), 1) AS n
    FROM quotes AS q
    JOIN articles AS a USING (article_id)
),

joined AS (
    SELECT
        quote_id,
        any_value(content) AS content,
        any_value(start_char) AS start_char,
        any_value(end_char) AS end_char,
        string_agg(substr(text, span[1] + 1, span[2] - span[1]), ' ' ORDER BY n) AS sliced,
        min(span[1]) AS first_start,
        max(span[2]) AS last_end
    FROM parts
    GROUP BY quote_id
)

SELECT
    quote_id,
    content,
    sliced,
    start_char,
    first_start,
    end_char,
    last_end
FROM joined
WHERE sliced IS DISTINCT FROM content OR first_start <> start_char OR last_end <> end_char;
