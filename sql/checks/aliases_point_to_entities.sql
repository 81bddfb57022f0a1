-- Every alias and every demonym's country must point to an existing entity.
SELECT
    'alias' AS kind,
    x.entity_id,
    x.alias AS detail
FROM entity_aliases AS x
LEFT JOIN entities AS e USING (entity_id)
WHERE e.entity_id IS NULL
UNION ALL
SELECT
    'country' AS kind,
    n.entity_id,
    n.country_entity_id AS detail
FROM entities AS n
WHERE n.country_entity_id IS NOT NULL AND n.country_entity_id NOT IN (SELECT known.entity_id FROM entities AS known);
