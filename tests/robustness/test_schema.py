"""Schemathesis against the service's own OpenAPI schema: no 5xx, every error documented and in
the one format ``{"error": {"code", "message", "request_id"}}``.

Each operation gets positive (schema-valid) and negative (schema-violating) examples. The fast
run keeps ``max_examples`` small so the whole schema takes seconds; the slow tier runs more.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis import checks as sc

from tests.support.robust import Robust

CHECKS = [sc.not_a_server_error, sc.status_code_conformance, sc.content_type_conformance,
          sc.response_schema_conformance]


def _fuzz(robust: Robust, *, examples: int) -> tuple[int, dict[str, list[str]]]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", robust.client.app)
    failures: dict[str, list[str]] = {}
    calls = 0
    for result in schema.get_all_operations():
        op: Any = result.ok()  # type: ignore[union-attr]
        label: str = op.label
        checks = CHECKS
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # run() executes before the loop moves on, so the loop variables are current.

            @given(case=op.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def run(case: Any) -> None:
                nonlocal calls
                calls += 1
                response = case.call(headers=robust.auth)
                try:
                    case.validate_response(response, checks=checks)  # noqa: B023
                except BaseException as e:  # noqa: BLE001 - schemathesis raises a FailureGroup
                    failures.setdefault(label, []).append(str(e)[:400])  # noqa: B023
                problem = _format_problem(response)
                if problem:
                    failures.setdefault(label, []).append(problem)  # noqa: B023

            try:
                run()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing to violate (no parameters)
    return calls, failures


def _format_problem(response: Any) -> str | None:
    if response.status_code >= 500:
        return f"{response.status_code}: {response.text[:300]}"
    if response.status_code < 400:
        return None
    err = response.json().get("error", {})
    # Extra keys are allowed (the roster import adds its row-by-row "rows").
    if not {"code", "message", "request_id"} <= set(err):
        return f"not the error format: {response.text[:300]}"
    if not any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]):
        return f"message not in Chinese: {err}"
    return None


def test_openapi_schema_documents_the_error_format(robust: Robust) -> None:
    doc = robust.client.get("/openapi.json").json()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            responses = op["responses"]
            assert "default" in responses, (method, path)
            ref = responses["default"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorResponse"), (method, path)
            assert "422" not in responses, (method, path)  # FastAPI's {"detail": ...} is never sent


def test_schema_fuzz_fast(robust: Robust) -> None:
    calls, failures = _fuzz(robust, examples=6)
    assert calls > 200
    for label, problems in failures.items():
        print(label, len(problems), *problems[:2], sep="\n  ")
    assert failures == {}


@pytest.mark.slow
def test_schema_fuzz_thorough(robust: Robust) -> None:
    calls, failures = _fuzz(robust, examples=150)
    assert failures == {}


def test_staff_export_documents_its_content_types(robust: Robust) -> None:
    doc = robust.client.get("/openapi.json").json()
    content = doc["paths"]["/v1/staff/applications/export"]["get"]["responses"]["200"]["content"]
    assert "text/csv" in content


def test_roster_upload_with_a_bare_carriage_return_is_a_clear_error(robust: Robust) -> None:
    r = robust.client.post("/v1/staff/lawyers/import", headers=robust.auth,
                           files={"file": ("roster.csv", "姓名,律所\r张三\r,x\n".encode())})
    assert r.status_code == 422 or r.status_code == 400, r.text
