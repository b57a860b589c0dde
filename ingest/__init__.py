"""Readers of the knowledge pack and builders of the index directory."""
