UPDATE entities SET country_entity_id = $entity_id
WHERE country_entity_id = $other;
