-- The registry's entity rows that the lake does not hold as they are (new, or changed and deleted just before).
INSERT INTO lake.entities BY NAME
SELECT * FROM incoming
EXCEPT
SELECT * FROM lake.entities;
