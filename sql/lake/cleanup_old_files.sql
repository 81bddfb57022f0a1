-- Files no kept snapshot reads, scheduled for deletion more than $days days ago, are deleted. An analyst's
-- news.duckdb opened within those days still finds every file it reads.
CALL ducklake_cleanup_old_files('lake', older_than => now() - to_days($days::INTEGER));
