UPDATE events SET location_entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16)
WHERE location_entity_id = $entity_id AND location_text = $other;
