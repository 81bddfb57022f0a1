CREATE VIEW event_clusters_daily AS
-- Per day, type and country: how many happenings, and how widely they were reported (event_clusters).
SELECT
    event_date AS day,
    event_type,
    location_country_code,
    count(*) AS happenings,
    sum(num_articles) AS articles,
    sum(num_mentions) AS mentions,
    max(num_sources) AS most_sources,
    count(*) FILTER (WHERE num_articles > 1) AS reported_by_several
FROM event_clusters
GROUP BY ALL;
