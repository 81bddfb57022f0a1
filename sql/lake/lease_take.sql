-- The night's lease row (see sql/lake/lease_release.sql).
INSERT INTO lake.night_lease VALUES ($run_id, now()::TIMESTAMP);
