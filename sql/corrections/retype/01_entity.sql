-- Retype entity $entity_id as $other (a spaCy label: the model typed Twitter a PERSON).
UPDATE entities SET entity_type = $other
WHERE entity_id = $entity_id;
