-- The counts of the entities the night touched: replaced by their counts after the night.
DELETE FROM lake.entity_forms
WHERE entity_id IN (SELECT t.entity_id FROM touched_entities AS t);
