-- Snapshots older than $days days are forgotten (time travel reaches back that far); their files become old.
CALL ducklake_expire_snapshots('lake', older_than => now() - to_days($days::INTEGER));
