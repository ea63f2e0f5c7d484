"""/healthz (the process answers) and /readyz (database, cache and broker reachable; 503
otherwise), answered before the host check and the HTTPS redirect, as probes need. The real
outage (the database going away under gunicorn) is in tests/test_production_smoke.py."""

import pytest
from django.test import override_settings

from config.celery import app
from core import health


def test_healthz_answers_without_touching_anything(client):
    r = client.get("/healthz")  # no database here: a query would fail the test
    assert r.status_code == 200 and r.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_the_database_the_cache_and_the_broker(client, monkeypatch):
    """The broker check really connects: to the run's Redis (settings.REDIS_URL)."""
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["portal.example.org"], SECURE_SSL_REDIRECT=True)
def test_probes_need_no_allowed_host_and_no_https(client):
    """A load balancer probes the container's own address over plain HTTP."""
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # the rest is guarded


@pytest.mark.django_db
def test_readyz_is_503_naming_the_broker_when_it_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:9/0")  # nothing listens
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "ok",
        "broker": "unreachable",
    }


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    def down():
        raise OSError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", down)
    r = client.get("/readyz")
    assert r.status_code == 503 and r.json()["database"] == "unreachable"
    assert "refused" not in r.content.decode()  # the reason is logged, not shown
