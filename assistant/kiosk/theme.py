"""Look of the kiosk page: large type, big touch targets, one column that fits portrait screens.

The stylesheet and scripts are package files (``assistant/kiosk/static/``):
- ``kiosk.css``: Gradio's theme reads its text sizes from CSS variables; the kiosk wants
  >= 22px body text;
- ``head.html``: the idle wipe, timed in the browser: the last touch, key press, typing or
  read-aloud playing; a countdown with 我还在 before the wipe; then the hidden wipe button.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=8)
def static_text(name: str) -> str:
    """A file of ``assistant/kiosk/static/`` (``kiosk.css``, ``head.html``)."""
    return files("assistant.kiosk").joinpath("static", name).read_text(encoding="utf-8")
