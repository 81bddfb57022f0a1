"""What the finders share: sentence analysis (syntax.py), a doc's cached lookups (doccache.py), names and first names
(names.py), he/she resolution (pronouns.py), quotation marks (marks.py), paragraph and sentence breaks (paragraphs.py),
places from GeoNames (gazetteer.py), actor/target/place phrases (participants.py)."""
