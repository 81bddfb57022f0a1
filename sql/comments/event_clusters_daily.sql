COMMENT ON VIEW event_clusters_daily IS 'One row per day, PLOVER type and country: how many happenings (event_clusters) and how widely they were reported.';
COMMENT ON COLUMN event_clusters_daily.day IS 'The happenings'' date (event_clusters.event_date).';
COMMENT ON COLUMN event_clusters_daily.event_type IS 'PLOVER event type.';
COMMENT ON COLUMN event_clusters_daily.location_country_code IS 'The country (ISO 3166-1 alpha-2); null when no report gives a place in one.';
COMMENT ON COLUMN event_clusters_daily.happenings IS 'Happenings of that day, type and country.';
COMMENT ON COLUMN event_clusters_daily.articles IS 'Articles reporting them, a story''s copies counted once.';
COMMENT ON COLUMN event_clusters_daily.mentions IS 'Their mentions in those articles.';
COMMENT ON COLUMN event_clusters_daily.most_sources IS 'The most publishers any one of them was reported by.';
COMMENT ON COLUMN event_clusters_daily.reported_by_several IS 'Happenings reported by more than one article (copies aside).';
