-- Planted articles (`incoming`) into the articles table of the database in use (flows/evaluate/copies.py).
INSERT INTO articles BY NAME
SELECT * FROM incoming;
