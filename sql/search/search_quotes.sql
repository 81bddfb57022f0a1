-- Ranked full-text search over quotes (BM25), with optional filters; parameters: $query, $speaker, $entity,
-- $since, $until, $limit (null filters are off).
SELECT
    s.score,
    w.speaker,
    w.published_at::DATE AS published,
    w.title,
    w.content,
    w.quote_id
FROM quote_scores($query) AS s
JOIN who_said_what AS w USING (quote_id)
WHERE
    s.score IS NOT NULL
    AND ($speaker IS NULL OR w.speaker ILIKE '%' || $speaker || '%' OR w.speaker_text ILIKE '%' || $speaker || '%')
    AND ($entity IS NULL OR w.quote_id IN (
        SELECT qm.quote_id FROM quotes_mentioning_entity AS qm
        WHERE qm.canonical_name ILIKE '%' || $entity || '%'
    ))
    AND ($since IS NULL OR w.published_at >= $since::TIMESTAMP)
    AND ($until IS NULL OR w.published_at < $until::TIMESTAMP + INTERVAL 1 DAY)
ORDER BY s.score DESC, w.published_at DESC NULLS LAST
LIMIT $limit;
