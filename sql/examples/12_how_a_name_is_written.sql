-- Every way an entity has been written, e.g. to check the alias clustering.
SELECT
    e.canonical_name,
    e.entity_type,
    a.alias
FROM entity_aliases AS a
JOIN entities AS e USING (entity_id)
WHERE e.canonical_name = 'Mustafa al-Kadhimi'
ORDER BY a.alias;
