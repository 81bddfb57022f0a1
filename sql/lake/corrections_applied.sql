-- How many corrections the lake's rows carry already: the lines of corrections.csv up to the last one listed.
SELECT coalesce(max(correction_no), 0) AS applied FROM lake.entity_corrections;
