COMMENT ON TABLE event_statistics IS 'Numbers of killed, injured or arrested said of a period or of several happenings ("2,500 civilians have been killed this year", "a total of 346", "so far"): statistics, kept apart from events, whose counts they never are. Sum events'' counts, not these.';
COMMENT ON COLUMN event_statistics.statistic_id IS 'Key, derived from the article, the words around the number and its place.';
COMMENT ON COLUMN event_statistics.article_id IS 'The article.';
COMMENT ON COLUMN event_statistics.kind IS 'killed, injured or arrested.';
COMMENT ON COLUMN event_statistics.value IS 'The number as the text gives it (a lower bound for "more than").';
COMMENT ON COLUMN event_statistics.start_char IS 'Start offset of the casualty word in articles.text.';
COMMENT ON COLUMN event_statistics.end_char IS 'End offset in articles.text (exclusive).';
COMMENT ON COLUMN event_statistics.trigger IS 'The casualty word as written: text[start_char:end_char].';
COMMENT ON COLUMN event_statistics.period_text IS 'The words that make the number a statistic ("this year", "a total of", "since 2001").';
