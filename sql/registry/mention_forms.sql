-- How often each entity was written each way over the whole lake: the registry names an entity by its most
-- frequent multi-word form. Read straight from the lake's Parquet files ($files), before the database is built.
SELECT
    entity_id,
    mention_text,
    label,
    count(*) AS mentions
FROM read_parquet($files)
WHERE entity_id IS NOT NULL
GROUP BY ALL;
