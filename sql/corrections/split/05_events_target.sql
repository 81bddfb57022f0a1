UPDATE events SET target_entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16)
WHERE target_entity_id = $entity_id AND target_text = $other;
