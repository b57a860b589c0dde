"""Look of the kiosk page: large type, big touch targets, one column that fits portrait screens.

The stylesheet and scripts are package files (``assistant/kiosk/static/``):
- ``kiosk.css``: Gradio's theme reads its text sizes from CSS variables; the kiosk wants
  >= 22px body text;
- ``head.html``: marks the last touch or key press; the idle timer reads it so the page wipes
  itself only when nobody has used it for the configured time;
- ``idle.js``: runs before the idle check and replaces the last input with the seconds since the
  last activity (``??=`` keeps the wipe working, erring towards privacy, should the head script
  be missing).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=8)
def static_text(name: str) -> str:
    """A file of ``assistant/kiosk/static/`` (``kiosk.css``, ``head.html``, ``idle.js``)."""
    return files("assistant.kiosk").joinpath("static", name).read_text(encoding="utf-8")
