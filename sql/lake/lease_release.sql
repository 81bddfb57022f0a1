-- Every night's transaction deletes the lease row and writes its own (sql/lake/lease_take.sql). DuckLake refuses to
-- commit a transaction that inserts into a table another transaction committed deletes from meanwhile, so of two
-- machines' nights that overlap on a shared catalog the second to commit is refused, instead of both loading the
-- same new article.
DELETE FROM lake.night_lease;
