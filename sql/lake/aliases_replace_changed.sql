-- The registry's aliases (registered as `incoming`): the pairs it no longer has leave the lake.
DELETE FROM lake.entity_aliases AS x
WHERE NOT EXISTS (
    SELECT 1 FROM incoming AS i
    WHERE i.entity_id = x.entity_id AND i.alias = x.alias
);
