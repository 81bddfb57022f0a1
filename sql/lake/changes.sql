-- One row per key ($key) of a table ($table) whose row the snapshots from $start to $end changed: added (there at
-- the end only), removed (there at the start only), changed (there at both, with other content) or moved (the same
-- content at other offsets: text was inserted or removed around it), with the run that last wrote it. A row a night
-- deleted and wrote again as it was (its article was replaced) did not change and is left out, and so is what a
-- compaction rewrote. $whole: the row's columns but those that say which run wrote it; $content: those and not its
-- offsets either (flows/load/history.py lists them from the table's DDL).
WITH feed AS (
    SELECT
        f.$key AS changed_key,
        f.snapshot_id,
        s.commit_message,
        f.change_type IN ('insert', 'update_postimage') AS written,
        hash($whole) AS whole,
        hash($content) AS content
    FROM lake.table_changes('$table', $start, $end) AS f
    JOIN lake.snapshots() AS s ON f.snapshot_id = s.snapshot_id
    WHERE s.commit_message IS DISTINCT FROM 'compaction'
),

per_key AS (
    -- Within a snapshot a row is deleted before its article's rows are written again.
    SELECT
        changed_key,
        arg_min(struct_pack(written, whole, content), (snapshot_id, written)) AS first_change,
        arg_max(struct_pack(written, whole, content), (snapshot_id, written)) AS last_change,
        arg_max(commit_message, (snapshot_id, written)) AS run_id
    FROM feed
    GROUP BY changed_key
),

judged AS (
    SELECT
        changed_key,
        run_id,
        CASE
            WHEN first_change['written'] AND last_change['written'] THEN 'added'
            WHEN NOT first_change['written'] AND NOT last_change['written'] THEN 'removed'
            WHEN first_change['written'] OR NOT last_change['written'] THEN NULL
            WHEN first_change['content'] <> last_change['content'] THEN 'changed'
            WHEN first_change['whole'] <> last_change['whole'] THEN 'moved'
        END AS change
    FROM per_key
)

SELECT
    change,
    changed_key AS $key,
    run_id
FROM judged
WHERE change IS NOT NULL AND (change <> 'moved' OR $moved)
ORDER BY change, changed_key;
