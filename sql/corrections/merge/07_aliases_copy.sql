INSERT INTO entity_aliases (entity_id, alias)
SELECT
    $entity_id AS kept_entity_id,
    x.alias
FROM entity_aliases AS x
WHERE
    x.entity_id = $other
    AND x.alias NOT IN (
        SELECT k.alias FROM entity_aliases AS k
        WHERE k.entity_id = $entity_id
    );
