-- The lake's events the night's may report again: the same types ($types), on a day the night's events give or a day
-- either side of one ($days; from $first to $last, so that the files outside are skipped), in articles the night does
-- not replace (`gone`); with their cluster and their article's publication.
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
    a.published_at,
    coalesce(v.cluster_id, v.event_id) AS cluster_id
FROM lake.events AS v
INNER JOIN lake.articles AS a ON v.article_id = a.article_id
WHERE
    v.event_type IN (SELECT unnest($types::VARCHAR[]))
    AND v.event_date BETWEEN $first::DATE - 1 AND $last::DATE + 1  -- noqa: RF02
    AND v.event_date IN (SELECT unnest($days::DATE[]))
    AND coalesce(v.date_precision, 'day') = 'day'
    AND v.article_id NOT IN (SELECT g.article_id FROM gone AS g);
