DELETE FROM entity_aliases
WHERE entity_id = $other;
