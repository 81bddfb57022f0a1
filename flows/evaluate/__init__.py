"""Evaluation against annotated corpora (../shared/eval): run the real pipeline, score what it wrote."""
