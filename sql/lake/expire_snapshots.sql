-- Snapshots chosen by the night (flows/load/catalog.py: old enough, and not among the last nights) are forgotten.
CALL ducklake_expire_snapshots('lake', versions => $versions::UBIGINT[]);
