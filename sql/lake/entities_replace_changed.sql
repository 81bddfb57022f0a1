-- The registry's entities (registered as `incoming`) replace only the lake's rows that differ: an entity whose row
-- changed or that is gone is deleted, and the rows that are new or changed are inserted after (the next file).
DELETE FROM lake.entities
WHERE entity_id IN (
    SELECT o.entity_id FROM (
        SELECT * FROM lake.entities
        EXCEPT
        SELECT * FROM incoming
    ) AS o
);
