UPDATE entity_aliases SET entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16)
WHERE entity_id = $entity_id AND alias = $other;
