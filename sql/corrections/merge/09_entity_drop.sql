DELETE FROM entities
WHERE entity_id = $other;
