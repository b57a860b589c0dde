"""Corpus model, taxonomy and retrieval. No web or UI imports; takes plain arguments."""
