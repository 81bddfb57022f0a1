"""Who is mentioned: the spaCy components that turn the model's entity spans into named mentions and
within-article entities (component.py), which part of a span is a name (name_spans.py), and places the model misses
(places.py)."""
