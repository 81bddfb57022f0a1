-- The entities the night's mentions name, after the corrections: their names and counts may change tonight.
SELECT DISTINCT n.entity_id
FROM night.main.entity_mentions AS n
WHERE n.entity_id IS NOT NULL;
