-- Every event mention must cut its trigger out of its article and belong to an event of that article; every event
-- must have its own trigger among its mentions.
SELECT
    m.mention_id AS id,
    m.article_id,
    'mention' AS what
FROM event_mentions AS m
JOIN articles AS a USING (article_id)
LEFT JOIN events AS v ON m.event_id = v.event_id AND m.article_id = v.article_id
WHERE
    v.event_id IS NULL
    OR substr(a.text, m.start_char + 1, m.end_char - m.start_char) IS DISTINCT FROM m.trigger
UNION ALL
SELECT
    v.event_id AS id,
    v.article_id,
    'event without its trigger among its mentions' AS what
FROM events AS v
WHERE NOT EXISTS (
    SELECT 1 FROM event_mentions AS m
    WHERE m.event_id = v.event_id AND m.start_char = v.start_char AND m.end_char = v.end_char
);
