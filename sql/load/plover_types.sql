CREATE TABLE plover_types AS
SELECT
    event_type,
    description
FROM read_csv($path, header = true, all_varchar = true);
