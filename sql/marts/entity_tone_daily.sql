CREATE VIEW entity_tone_daily AS
WITH article_days AS (
    SELECT DISTINCT
        m.entity_id,
        a.article_id,
        a.published_at::DATE AS day,
        a.tone
    FROM entity_mentions AS m
    INNER JOIN articles AS a ON m.article_id = a.article_id
    WHERE m.entity_id IS NOT NULL AND a.duplicate_of IS NULL
),

coverage AS (
    SELECT
        entity_id,
        day,
        count(*) AS articles,
        avg(tone) AS article_tone
    FROM article_days
    GROUP BY entity_id, day
),

speech AS (
    SELECT
        q.speaker_entity_id AS entity_id,
        a.published_at::DATE AS day,
        count(*) AS quotes,
        avg(q.tone) AS quote_tone
    FROM quotes AS q
    INNER JOIN articles AS a ON q.article_id = a.article_id
    WHERE q.speaker_entity_id IS NOT NULL AND a.duplicate_of IS NULL
    GROUP BY q.speaker_entity_id, a.published_at::DATE
)

SELECT
    e.entity_id,
    e.canonical_name,
    e.entity_type,
    c.day,
    c.articles,
    round(c.article_tone, 4) AS article_tone,
    coalesce(s.quotes, 0) AS quotes,
    round(s.quote_tone, 4) AS quote_tone
FROM coverage AS c
INNER JOIN entities AS e ON c.entity_id = e.entity_id
LEFT JOIN speech AS s ON c.entity_id = s.entity_id AND c.day IS NOT DISTINCT FROM s.day;
