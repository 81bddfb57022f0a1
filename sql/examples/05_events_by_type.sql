-- How much of each kind of event was reported?
SELECT
    event_type,
    count(*) AS events,
    count(DISTINCT article_id) AS articles
FROM events
GROUP BY event_type
ORDER BY events DESC;
