COMMENT ON VIEW entity_tone_daily IS 'One row per entity and publication day: the tone of the articles that mention it and of its own quotes (VADER, -1 to 1, as GDELT''s tone; a word count, not a reading: compare days and entities, never read one value as a verdict). Copies of a story (see stories) are counted once: only its first copy''s rows are read.';
COMMENT ON COLUMN entity_tone_daily.entity_id IS 'The entity.';
COMMENT ON COLUMN entity_tone_daily.canonical_name IS 'Its canonical name.';
COMMENT ON COLUMN entity_tone_daily.entity_type IS 'Its type.';
COMMENT ON COLUMN entity_tone_daily.day IS 'Publication day (null for articles without a date).';
COMMENT ON COLUMN entity_tone_daily.articles IS 'Articles mentioning it that day.';
COMMENT ON COLUMN entity_tone_daily.article_tone IS 'The mean tone of those articles (articles.tone).';
COMMENT ON COLUMN entity_tone_daily.quotes IS 'Quotes it is the speaker of, in articles of that day.';
COMMENT ON COLUMN entity_tone_daily.quote_tone IS 'The mean tone of those quotes (quotes.tone); null without any.';
