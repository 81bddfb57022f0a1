COMMENT ON TABLE rejected_inputs IS 'Inputs a run could not take, with the reason; every other input still loaded.';
COMMENT ON COLUMN rejected_inputs.run_id IS 'The run.';
COMMENT ON COLUMN rejected_inputs.source_uri IS 'The file, with #L<line> or #record<n> for a record.';
COMMENT ON COLUMN rejected_inputs.reason IS 'Why, in words a person can act on.';
COMMENT ON COLUMN rejected_inputs.article_id IS 'The article, when the input was read as one and the NLP pipeline rejected it (else NULL).';
COMMENT ON COLUMN rejected_inputs.content_hash IS 'The rejected article''s content hash: a changed article is tried again.';
COMMENT ON COLUMN rejected_inputs.final IS 'True when the article is not tried again until it changes (or the pipeline version changes): it went over the time budget of one article.';
