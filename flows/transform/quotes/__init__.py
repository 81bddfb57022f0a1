"""Who said what: the spaCy component (component.py), a quote's parts and speaker (parts.py), passages without a cue
(passages.py) and interview transcripts (interviews.py)."""
