"""The robustness tier's fully configured app: settings and the handle its fixture yields."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from assistant.app import Services
from assistant.config import Settings, StaffSettings
from tests.support.services import make_settings

STAFF_SECRET = "robustness-secret-0123456789"
STAFF_PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Robust:
    services: Services
    client: TestClient
    auth: dict[str, str]  # a supervisor's bearer token


def robust_settings(data: Path, index: Path, db_url: str) -> Settings:
    return make_settings(data, index, db_url, rate_limit_per_minute=0).model_copy(
        update={"staff": StaffSettings(token_secret=STAFF_SECRET)})  # type: ignore[arg-type]
