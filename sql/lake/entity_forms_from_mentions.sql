-- entity_forms counted anew from every mention of the lake: for a lake made before the table, and after corrections
-- moved earlier nights' mentions to other entities.
INSERT INTO lake.entity_forms
SELECT
    m.entity_id,
    m.mention_text,
    m.label,
    count(*) AS mentions
FROM lake.entity_mentions AS m
WHERE m.entity_id IS NOT NULL
GROUP BY ALL;
