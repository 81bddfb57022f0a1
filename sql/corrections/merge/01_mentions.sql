-- Merge entity $other into $entity_id: every row naming $other names $entity_id, and $other is gone.
UPDATE entity_mentions SET entity_id = $entity_id
WHERE entity_id = $other;
