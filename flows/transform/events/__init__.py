"""Who did what to whom, where and when: the spaCy component (component.py); trigger tables and matching
(vocabulary.py, triggers.py), what a trigger needs and words that report no act (requirements.py, filters.py),
evaluations as praise or accusation (naming.py), negation and modality (scope.py), dates and counts (dates.py,
details.py), one event per happening (coref.py)."""
