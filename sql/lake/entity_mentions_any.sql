-- Whether the lake has a mention of an entity (the scan stops at the first).
-- Any row will do: an ORDER BY would read them all (hence the noqa).
SELECT 1 AS found FROM lake.entity_mentions
WHERE entity_id IS NOT NULL
LIMIT 1; -- noqa: AM09
