"""Writing a runner's figures: one JSON file per run, UTF-8, keys as the runner produced them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_json(path: Path | None, result: Mapping[str, Any]) -> None:
    """Write ``result`` to ``path`` (creating folders) and say where; nothing when ``None``."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"json: {path}")
