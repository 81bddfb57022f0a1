-- Who talks about Iraq most?
SELECT
    speaker,
    quotes
FROM top_speakers_per_entity
WHERE about = 'Iraq'
ORDER BY speaker_rank, speaker
LIMIT 10;
