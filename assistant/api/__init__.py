"""HTTP API (FastAPI): routes stay thin and call ``assistant.conversation`` and friends."""

from __future__ import annotations

from assistant.api.app import app_from_env, create_app

__all__ = ["app_from_env", "create_app"]
