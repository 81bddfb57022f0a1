-- The system's events per source record with every mention's trigger span, for whole-article scoring.
SELECT
    a.source_id,
    v.event_type,
    v.trigger,
    v.start_char,
    v.end_char,
    v.actor_text,
    e.canonical_name AS actor_name,
    v.event_date,
    v.status,
    coalesce(
        (
            SELECT to_json(list([m.start_char, m.end_char] ORDER BY m.start_char))
            FROM event_mentions AS m
            WHERE m.event_id = v.event_id
        ),
        '[]'
    ) AS mention_spans
FROM events AS v
INNER JOIN articles AS a ON v.article_id = a.article_id
LEFT JOIN entities AS e ON v.actor_entity_id = e.entity_id;
