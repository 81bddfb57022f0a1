INSERT OR IGNORE INTO entity_aliases (entity_id, alias)
SELECT
    $entity_id AS kept_entity_id,
    x.alias
FROM entity_aliases AS x
WHERE x.entity_id = $other;
