-- Data files no snapshot names, written before $before: what a run killed inside its transaction left.
CALL ducklake_delete_orphaned_files('lake', older_than => $before::TIMESTAMPTZ);
