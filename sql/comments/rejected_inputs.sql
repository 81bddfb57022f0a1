COMMENT ON TABLE rejected_inputs IS 'Inputs a run could not take, with the reason; every other input still loaded.';
COMMENT ON COLUMN rejected_inputs.run_id IS 'The run.';
COMMENT ON COLUMN rejected_inputs.source_uri IS 'The file, with #L<line> or #record<n> for a record.';
COMMENT ON COLUMN rejected_inputs.reason IS 'Why, in words a person can act on.';
