"""HTTP API (FastAPI): routes stay thin and call ``assistant.usecases``."""

from __future__ import annotations

from assistant.api.app import create_app

__all__ = ["create_app"]
