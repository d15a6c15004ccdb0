"""Schemathesis against the project's own OpenAPI schema: no 5xx, and every response as the schema documents it.

Bounded for the normal test run: a fixed seed and EXAMPLES_PER_OPERATION examples for each operation (a few hundred
requests in all), through the WSGI application in-process, so the requests see the test's content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import content as make

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 15
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


@pytest.fixture
def content(councils: dict[str, Any]) -> None:
    make.case_study(councils["Leeds"], "Smarter bin collections", tags=["bins"])
    make.challenge(councils["City of Bristol"], "Missed bin collections", tags=["bins"])
    make.pattern("Report a missed bin")


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """As Django's test client does: a request must not close the test's connection (and with it the transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _exercise(operation: Any, calls: list[str]) -> None:
    @seed(20260417)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failure is reported as found
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        calls.append(operation.label)
        case.call_and_validate(checks=CHECKS)

    run()


def test_the_api_answers_every_generated_request_as_documented(
    content: None, in_process_requests: None, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures: list[str] = []
    calls: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _exercise(operation, calls)
        except Exception as error:  # noqa: BLE001 - every operation runs; all failures are listed together
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    assert len(set(calls)) >= 19 and len(calls) >= 200, (len(set(calls)), len(calls))
