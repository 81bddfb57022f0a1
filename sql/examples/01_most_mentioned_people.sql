-- Who is in the news? The twenty most mentioned people, with how many articles mention them.
SELECT
    canonical_name,
    sum(mentions) AS mentions,
    sum(articles) AS articles
FROM entity_daily_mentions
WHERE entity_type = 'PERSON'
GROUP BY canonical_name
ORDER BY mentions DESC
LIMIT 20;
