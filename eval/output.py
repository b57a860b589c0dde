"""Writing a runner's figures: one JSON file per run (UTF-8, keys as the runner produced them)
and its plots."""

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


def new_figure(*, figsize: tuple[float, float]) -> tuple[Any, Any]:
    """A matplotlib (figure, axes) on the file-only Agg backend (servers have no display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)


def save_figure(fig: Any, path: Path) -> None:
    """Write ``fig`` as a PNG at ``path`` (creating folders) and free it."""
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
