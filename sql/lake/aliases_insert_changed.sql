-- The registry's alias pairs the lake does not hold yet.
INSERT INTO lake.entity_aliases BY NAME
SELECT * FROM incoming
EXCEPT
SELECT * FROM lake.entity_aliases;
