-- The split-off entity keeps the alias as its name: a later night's registry, which names an entity by its most
-- frequent form, may have renamed it since (corrections are applied again every night).
UPDATE entities SET canonical_name = $other
WHERE entity_id = substr(sha256($entity_id || chr(31) || $other), 1, 16);
