-- One row per key ($key) of a table ($table) that the snapshots from $start to $end inserted or deleted: added
-- (inserted only), removed (deleted only) or changed (both: the row was replaced), with the run that last did. A
-- compaction rewrites rows without changing them: its snapshots are left out.
WITH feed AS (
    SELECT
        f.$key AS changed_key,
        f.change_type,
        s.commit_message
    FROM lake.table_changes('$table', $start, $end) AS f
    JOIN lake.snapshots() AS s ON f.snapshot_id = s.snapshot_id
    WHERE s.commit_message IS DISTINCT FROM 'compaction'
)

SELECT
    CASE
        WHEN
            bool_or(change_type IN ('insert', 'update_postimage'))
            AND bool_or(change_type IN ('delete', 'update_preimage'))
            THEN 'changed'
        WHEN bool_or(change_type = 'delete') THEN 'removed'
        ELSE 'added'
    END AS change,
    changed_key AS $key,
    max(commit_message) AS run_id
FROM feed
GROUP BY changed_key
ORDER BY change, changed_key;
