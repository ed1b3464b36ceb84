"""Schemathesis against the OpenAPI spec: no request to ``/api/v1`` gets a server error."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402


def test_no_server_errors(web, api, notice):
    token = api("clerk").headers["Authorization"]
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", web)
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.endswith("/extraction"):
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            response = case.call(headers={"Authorization": token})
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])

        run()
        checked += 1
    assert checked >= 12
