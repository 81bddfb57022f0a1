-- Groups named by nationality, with the country they point to.
SELECT
    n.canonical_name AS group_name,
    c.canonical_name AS country,
    sum(d.mentions) AS mentions
FROM entities AS n
JOIN entities AS c ON n.country_entity_id = c.entity_id
JOIN entity_daily_mentions AS d ON n.entity_id = d.entity_id
GROUP BY ALL
ORDER BY mentions DESC;
