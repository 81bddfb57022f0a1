UPDATE events SET actor_entity_id = $entity_id
WHERE actor_entity_id = $other;
