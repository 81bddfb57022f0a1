UPDATE quotes SET speaker_entity_id = $entity_id
WHERE speaker_entity_id = $other;
