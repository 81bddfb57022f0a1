-- Which pairs of entities appear in the same articles most often?
SELECT
    name_a,
    name_b,
    articles
FROM entity_cooccurrence
ORDER BY articles DESC, name_a ASC, name_b ASC
LIMIT 25;
