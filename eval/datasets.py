"""Evaluation datasets: the pack's dev splits (or any JSONL in the same format)."""

from __future__ import annotations

from knowledge.devsets import DATASETS, DatasetName, GoldKey, Query, dataset_path, load_queries

__all__ = ["DATASETS", "DatasetName", "GoldKey", "Query", "dataset_path", "load_queries"]
