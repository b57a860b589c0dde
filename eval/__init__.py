"""Datasets, metrics and benchmark runners."""
