-- Event types must be the 16 PLOVER types; offsets must cut the trigger out of the article.
SELECT v.event_id, v.event_type, v.trigger, substr(a.text, v.start_char + 1, v.end_char - v.start_char) AS sliced
FROM events AS v
JOIN articles AS a USING (article_id)
WHERE v.event_type NOT IN ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE',
                           'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT')
   OR substr(a.text, v.start_char + 1, v.end_char - v.start_char) IS DISTINCT FROM v.trigger;
