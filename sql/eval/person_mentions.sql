-- Every mention of a person (by its entity's type or its own label), with its entity's name and its article's id in
-- the corpus, for drawing and scoring short names (flows/evaluate/short_names.py).
SELECT
    m.article_id,
    m.start_char,
    m.end_char,
    m.mention_text,
    e.canonical_name,
    a.source_id
FROM entity_mentions AS m
INNER JOIN entities AS e ON m.entity_id = e.entity_id
INNER JOIN articles AS a ON m.article_id = a.article_id
WHERE e.entity_type = 'PERSON' OR m.label = 'PERSON'
ORDER BY m.article_id, m.start_char;
