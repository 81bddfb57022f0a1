-- What did Mustafa al-Kadhimi say, newest first?
SELECT
    published_at::DATE AS day,
    quote_type,
    cue,
    content,
    title
FROM who_said_what
WHERE speaker = 'Mustafa al-Kadhimi'
ORDER BY published_at DESC, start_char ASC;
