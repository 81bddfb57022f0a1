-- Entities whose name or an alias matches $name (case-insensitive substring), most mentioned first.
SELECT
    e.entity_id,
    e.canonical_name,
    e.entity_type,
    e.country_code,
    e.feature_class,
    (
        SELECT count(*) FROM entity_mentions AS m
        WHERE m.entity_id = e.entity_id
    ) AS mentions,
    (
        SELECT string_agg(DISTINCT x.alias, ' | ') FROM entity_aliases AS x
        WHERE x.entity_id = e.entity_id
    ) AS aliases
FROM entities AS e
WHERE
    e.canonical_name ILIKE '%' || $name || '%'
    OR e.entity_id IN (
        SELECT a.entity_id FROM entity_aliases AS a
        WHERE a.alias ILIKE '%' || $name || '%'
    )
ORDER BY mentions DESC, e.canonical_name ASC;
