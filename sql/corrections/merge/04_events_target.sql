UPDATE events SET target_entity_id = $entity_id
WHERE target_entity_id = $other;
