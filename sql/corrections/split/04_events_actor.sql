UPDATE events SET actor_entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16)
WHERE actor_entity_id = $entity_id AND actor_text = $other;
