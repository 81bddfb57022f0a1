CREATE VIEW event_clusters AS
-- One row per happening: the events of every article that reported it (events.cluster_id), as GDELT counts
-- mentions, articles and sources. Mentions and articles count a story's first copy only; sources count every
-- outlet that ran a report, copies included (a story syndicated to five outlets was reported by five sources).
WITH reports AS (
    SELECT
        coalesce(v.cluster_id, v.event_id) AS cluster_id,
        v.event_type,
        CASE WHEN coalesce(v.date_precision, 'day') = 'day' THEN v.event_date END AS event_date,
        coalesce(v.num_mentions, 1) AS num_mentions,
        coalesce(actor.canonical_name, v.actor_text) AS actor,
        coalesce(target.canonical_name, v.target_text) AS target,
        coalesce(place.canonical_name, v.location_text) AS location,
        place.country_code,
        a.article_id,
        a.publisher,
        a.published_at,
        a.duplicate_of IS NULL AS first_copy
    FROM events AS v
    INNER JOIN articles AS a ON v.article_id = a.article_id
    LEFT JOIN entities AS actor ON v.actor_entity_id = actor.entity_id
    LEFT JOIN entities AS target ON v.target_entity_id = target.entity_id
    LEFT JOIN entities AS place ON v.location_entity_id = place.entity_id
    WHERE v.confidence IS NULL OR v.confidence >= event_threshold()
)

SELECT
    cluster_id,
    any_value(event_type) AS event_type,
    min(event_date) AS event_date,
    mode(actor) AS actor,
    mode(target) AS target,
    mode(location) AS location,
    mode(country_code) AS location_country_code,
    sum(num_mentions) FILTER (WHERE first_copy) AS num_mentions,
    count(DISTINCT article_id) FILTER (WHERE first_copy) AS num_articles,
    count(DISTINCT coalesce(publisher, article_id)) AS num_sources,
    min(published_at) AS first_reported_at,
    max(published_at) AS last_reported_at,
    list(DISTINCT article_id ORDER BY article_id) AS article_ids
FROM reports
GROUP BY cluster_id;
