"""Builders for screening tests: valid ID numbers, applications, logins."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.config import DatabaseSettings, Settings, StaffSettings
from assistant.drafting.validators import id_check_digit
from assistant.screening.models import ApplicationIn

SECRET = "test-secret-0123456789abcdef"
PASSWORD = "correct horse battery"
TODAY = date(2025, 6, 1)


def id_number(born: date, *, region: str = "150102", seq: str = "123") -> str:
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + id_check_digit(first17)


ADULT = id_number(date(1985, 3, 4))


def app_in(*, category: str = "labor_wages", groups: tuple[str, ...] = (),
           tags: tuple[str, ...] = (), born: date | None = None, income: int | None = None,
           **case: Any) -> ApplicationIn:
    """A valid application; ``case`` overrides fields of the case section."""
    economic: dict[str, Any] = {}
    if income is not None:
        economic["monthly_income_per_capita"] = income
    if "no_fixed_income" in case:
        economic["no_fixed_income"] = case.pop("no_fixed_income")
    applicant: dict[str, Any] = {"name": "张三", "phone": "13812345678", "region": "回民区",
                                 "id_number": id_number(born) if born else ADULT,
                                 "groups": list(groups)}
    for key in ("rural_household", "language", "region"):
        if key in case:
            applicant[key] = case.pop(key)
    return ApplicationIn.model_validate({
        "applicant": applicant,
        "case": {"category": category, "matter_tags": list(tags), "summary": "测试案情", **case},
        "economic": economic,
    })


def login(client: TestClient, user: str = "alice") -> dict[str, str]:
    r = client.post("/v1/staff/token", data={"username": user, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def create(client: TestClient, headers: dict[str, str], app: ApplicationIn) -> dict[str, Any]:
    r = client.post("/v1/staff/applications", headers=headers, json=app.model_dump(mode="json"))
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def screening_settings(tmp_path: Path, url: str, **staff: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", index_dir=tmp_path / "index", embedder="none",
                    database=DatabaseSettings(url=url),
                    staff=StaffSettings(**{"token_secret": SECRET, "hardship_line_yuan": 1500,
                                           **staff}))  # type: ignore[arg-type]
