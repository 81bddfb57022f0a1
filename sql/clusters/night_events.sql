-- The night's events dated to a day (not "in 2012" nor "last month": a period is no day to meet another report on) with what tells two reports of one happening apart, and their article's publication.
SELECT
    v.event_id,
    v.article_id,
    v.event_type,
    v.event_date,
    v.actor_entity_id,
    v.actor_text,
    v.target_entity_id,
    v.target_text,
    v.location_entity_id,
    a.published_at
FROM night.main.events AS v
INNER JOIN night.main.articles AS a ON v.article_id = a.article_id
WHERE v.event_date IS NOT NULL AND coalesce(v.date_precision, 'day') = 'day';
