INSERT INTO entity_corrections VALUES ($correction_no, $action, $entity_id, $other, $made_at);
