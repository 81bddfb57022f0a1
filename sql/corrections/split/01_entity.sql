-- Split alias $other off entity $entity_id: an entity of its own (id from both, stable), named by the alias, with
-- the mentions, speakers, actors, targets and places written that way.
INSERT INTO entities (entity_id, canonical_name, entity_type, first_run_id)
SELECT
    substr(sha256($entity_id || chr(31) || $other), 1, 16) AS entity_id,
    $other AS canonical_name,
    entity_type,
    first_run_id
FROM entities
WHERE
    entity_id = $entity_id
    AND substr(sha256($entity_id || chr(31) || $other), 1, 16) NOT IN (SELECT k.entity_id FROM entities AS k);
