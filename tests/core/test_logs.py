"""Structured logs (core/logs.py): one JSON object a line, with the request id and the complex
slug of the request that wrote it."""

import json
import logging
import sys

import pytest

from core.logs import JSONFormatter


@pytest.fixture
def json_lines():
    """Lines the JSON formatter writes for the request log, parsed."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(json.loads(self.format(record)))

    handler = Keep()
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("portal.request")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(old)


@pytest.mark.django_db
def test_a_request_is_logged_as_json_with_its_id_and_complex(alpha, as_user, json_lines):
    r = as_user(alpha.owner).get("/c/alpha/bills/", HTTP_X_REQUEST_ID="req-1234abcd")
    assert r.status_code == 200 and r["X-Request-ID"] == "req-1234abcd"
    [line] = [entry for entry in json_lines if entry["path"] == "/c/alpha/bills/"]
    assert line["request_id"] == "req-1234abcd" and line["complex"] == "alpha"
    assert line["status"] == 200 and line["method"] == "GET" and line["level"] == "INFO"
    assert line["duration_ms"] >= 0 and line["time"].endswith("+00:00")


@pytest.mark.django_db
def test_an_unsafe_request_id_is_replaced(client, json_lines):
    r = client.get("/healthz")  # answered before the log middleware: no line
    assert json_lines == []
    r = client.get("/public/", HTTP_X_REQUEST_ID='bad id "\n')
    request_id = r["X-Request-ID"]
    assert len(request_id) == 32 and request_id.isalnum()
    assert json_lines[-1]["request_id"] == request_id and "complex" not in json_lines[-1]


def test_exceptions_and_extra_fields_are_kept_on_one_line():
    try:
        raise ValueError("나쁜 값")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "f", 1, "실패: %s", ("a",), sys.exc_info())
    record.unit = "101-1203"
    line = JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "실패: a" and entry["unit"] == "101-1203"
    assert "ValueError: 나쁜 값" in entry["exception"]


@pytest.mark.django_db
def test_secret_url_parts_are_never_logged(alpha, client, json_lines):
    """A ballot link's token (Art. 48①) and a reset key stay out of the access log and out of
    Django's own `Not Found: <path>` line."""
    from core.logs import RedactSecretPaths

    token = "Zz9-secret-roll-token-0123456789"
    r = client.get(f"/c/alpha/vote/{token}/")
    assert r.status_code == 404
    [line] = [e for e in json_lines if e["path"].startswith("/c/alpha/vote/")]
    assert line["path"] == "/c/alpha/vote/*/" and token not in json.dumps(line)

    record = logging.LogRecord(
        "django.request", 30, "f", 1, "%s: %s", ("Not Found", r.wsgi_request.path), None
    )
    record.request = r.wsgi_request
    RedactSecretPaths().filter(record)
    assert token not in record.getMessage() and record.getMessage() == "Not Found: /c/alpha/vote/*/"
