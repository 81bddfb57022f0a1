-- Every mention's offsets must cut its own text out of the article (Python string indexes = DuckDB characters).
SELECT
    m.mention_id,
    m.article_id,
    m.start_char,
    m.end_char,
    m.mention_text,
    substr(a.text, m.start_char + 1, m.end_char - m.start_char) AS sliced
FROM entity_mentions AS m
JOIN articles AS a USING (article_id)
WHERE substr(a.text, m.start_char + 1, m.end_char - m.start_char) IS DISTINCT FROM m.mention_text;
