"""Schemathesis over the whole REST API: generated requests, valid and not, as an office user of a
test complex with a real API token; the test fails on any 5xx (issue 12, "Hostile and careless
input"). Bounded: a few examples per operation, so the run stays well under a minute.

The schema is drf-spectacular's (the one /api/schema/ serves). Routes under a complex have their
`{slug}` fixed to the test complex, so requests reach the views rather than a 404 at the door.
Logging out (which revokes the token) is left out; everything else is called, writes included,
inside the test's transaction.
"""

import copy

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken

EXAMPLES_PER_OPERATION = 4
SKIP = ("/auth/logout", "/auth/token/logout")


def _schema_for(slug: str) -> dict:
    schema = copy.deepcopy(SchemaGenerator().get_schema(request=None, public=True))
    paths = {}
    for path, item in schema["paths"].items():
        if any(s in path for s in SKIP):
            continue
        path = path.replace("{slug}", slug)
        for operation in item.values():
            if isinstance(operation, dict) and "parameters" in operation:
                operation["parameters"] = [
                    p for p in operation["parameters"] if p.get("name") != "slug"
                ]
        paths[path] = item
    schema["paths"] = paths
    return schema


@pytest.mark.django_db(transaction=False)
def test_no_api_operation_answers_5xx(alpha):
    from tests.elections.population import populate

    populate(alpha)
    _, token = AuthToken.objects.create(alpha.manager)
    headers = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_dict(_schema_for("alpha"))
    schema.app = WSGIHandler()
    server_errors = []

    def run(operation):
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers)
            if response.status_code >= 500:
                server_errors.append(
                    (operation.label, response.status_code, case.as_curl_command(headers))
                )

        check()

    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            run(result.ok())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert server_errors == [], "\n".join(
        f"{label} → {code}: {curl}" for label, code, curl in server_errors[:20]
    )
