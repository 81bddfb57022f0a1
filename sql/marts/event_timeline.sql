CREATE VIEW event_timeline AS
SELECT
    v.event_id,
    v.article_id,
    v.event_type,
    v.event_mode,
    v.status,
    v.trigger,
    coalesce(actor.canonical_name, v.actor_text) AS actor,
    coalesce(target.canonical_name, v.target_text) AS target,
    coalesce(place.canonical_name, v.location_text) AS location,
    v.actor_entity_id,
    v.target_entity_id,
    v.location_entity_id,
    v.event_date,
    v.date_source,
    v.date_precision,
    v.date_text,
    v.killed,
    v.injured,
    v.arrested,
    v.confidence,
    a.title,
    a.url,
    a.published_at,
    a.published_offset_minutes,
    place.geonames_id AS location_geonames_id,
    place.latitude AS location_latitude,
    place.longitude AS location_longitude,
    place.country_code AS location_country_code,
    place.admin1_code AS location_admin1_code,
    place.feature_class AS location_feature_class,
    coalesce(a.story_id, a.article_id) AS story_id,
    coalesce(v.cluster_id, v.event_id) AS cluster_id
FROM events AS v
JOIN articles AS a USING (article_id)
LEFT JOIN entities AS actor ON v.actor_entity_id = actor.entity_id
LEFT JOIN entities AS target ON v.target_entity_id = target.entity_id
LEFT JOIN entities AS place ON v.location_entity_id = place.entity_id
WHERE
    a.duplicate_of IS NULL
    -- what the scorer believes (events.confidence; event_threshold() is NIGHTDESK_EVENT_THRESHOLD or the scorer's
    -- own); a row made before the scorer has none and counts as before
    AND (v.confidence IS NULL OR v.confidence >= event_threshold());
