-- The base warehouse's last run: the big warehouse's one night is named after it.
SELECT max(run_id) AS run_id FROM base.runs;
