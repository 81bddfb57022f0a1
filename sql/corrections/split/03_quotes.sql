UPDATE quotes SET speaker_entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16)
WHERE speaker_entity_id = $entity_id AND speaker_text = $other;
