-- Rename entity $entity_id to $other.
UPDATE entities SET canonical_name = $other
WHERE entity_id = $entity_id;
