-- The entities the night's staged mentions ($files) name: their names may change tonight.
SELECT DISTINCT entity_id
FROM read_parquet($files, union_by_name = true)
WHERE entity_id IS NOT null;
