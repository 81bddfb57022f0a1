COMMENT ON TABLE event_mentions IS 'Every place an article reports an event: one row per trigger word; reports of one happening ("a drone strike", "the attack", "drones targeted the house") share their event_id.';
COMMENT ON COLUMN event_mentions.mention_id IS 'Key, derived from article, offsets and event (one word may report two events of different types).';
COMMENT ON COLUMN event_mentions.event_id IS 'The event (events.event_id) this mention reports.';
COMMENT ON COLUMN event_mentions.article_id IS 'The article.';
COMMENT ON COLUMN event_mentions.start_char IS 'Start offset of the trigger in articles.text.';
COMMENT ON COLUMN event_mentions.end_char IS 'End offset in articles.text (exclusive).';
COMMENT ON COLUMN event_mentions.trigger IS 'The trigger as written: text[start_char:end_char].';
