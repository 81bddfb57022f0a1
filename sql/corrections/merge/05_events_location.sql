UPDATE events SET location_entity_id = $entity_id
WHERE location_entity_id = $other;
