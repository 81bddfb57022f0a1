-- Every statistic must cut its casualty word out of its article.
SELECT
    s.statistic_id AS id,
    s.article_id,
    'statistic' AS what
FROM event_statistics AS s
JOIN articles AS a USING (article_id)
WHERE substr(a.text, s.start_char + 1, s.end_char - s.start_char) IS DISTINCT FROM s.trigger;
