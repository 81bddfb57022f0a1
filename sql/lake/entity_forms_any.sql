-- Whether entity_forms has a row.
-- Any row will do: an ORDER BY would read them all (hence the noqa).
SELECT 1 AS found FROM lake.entity_forms
LIMIT 1; -- noqa: AM09
