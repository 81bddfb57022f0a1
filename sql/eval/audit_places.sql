-- Every mention of a geocoded place entity with the place's GeoNames fields and its article's text, for a reader to
-- judge whether the mention is that place (flows/evaluate/quote_audit.py).
SELECT
    m.mention_id,
    m.article_id,
    a.source_id,
    m.start_char,
    m.end_char,
    e.canonical_name,
    e.entity_type,
    e.geonames_id,
    e.country_code,
    e.latitude,
    e.longitude,
    a.text
FROM entity_mentions AS m
INNER JOIN entities AS e ON m.entity_id = e.entity_id
INNER JOIN articles AS a ON m.article_id = a.article_id
WHERE e.geonames_id IS NOT NULL
ORDER BY m.mention_id;
