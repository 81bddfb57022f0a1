-- A quote's speaker and who passed it on (via) are the article text at their offsets.
SELECT
    q.quote_id,
    q.speaker_text,
    q.via_text
FROM quotes AS q
JOIN articles AS a USING (article_id)
WHERE
    (
        q.speaker_text IS NOT NULL
        AND q.speaker_text
        IS DISTINCT FROM substr(a.text, q.speaker_start_char + 1, q.speaker_end_char - q.speaker_start_char)
    )
    OR (
        q.via_text IS NOT NULL
        AND q.via_text IS DISTINCT FROM substr(a.text, q.via_start_char + 1, q.via_end_char - q.via_start_char)
    );
