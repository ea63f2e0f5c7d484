"""One client address for every rate limit (core.net.client_ip): X-Forwarded-For counts only
behind TRUSTED_PROXY_COUNT proxies, so rotating it defeats neither the login limits nor the
public API's. Every test comes from a socket address of its own (limits live in Redis for the
run)."""

import itertools
import uuid

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import UserFactory

_addresses = itertools.count(1)


@pytest.fixture
def addr():
    return f"203.0.113.{next(_addresses)}"


def spoofed(n: int) -> str:
    return f"10.{n // 250}.{n % 250}.1"  # what an attacker writes in the header


def test_trusted_proxy_count_is_the_one_setting(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.TRUSTED_PROXY_COUNT


def test_rotating_x_forwarded_for_does_not_defeat_the_token_login_limit(db, addr):
    api = APIClient(REMOTE_ADDR=addr)
    statuses = [
        api.post(
            "/api/v1/auth/token/",
            {"email": f"nobody-{n}@example.test", "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=spoofed(n),
        ).status_code
        for n in range(100)
    ]
    assert statuses[:10] == [400] * 10  # allauth: 10 failed logins a minute per client
    assert set(statuses[10:]) == {429}


def test_rotating_x_forwarded_for_does_not_defeat_the_site_login_limit(db, addr):
    web = Client(REMOTE_ADDR=addr)
    for n in range(12):
        email = f"nobody-{n}@example.test"
        web.post(
            "/accounts/login/",
            {"login": email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=spoofed(n),
        )
    user = UserFactory(email=f"u-{uuid.uuid4().hex[:10]}@example.test")
    r = web.post(
        "/accounts/login/",
        {"login": user.email, "password": "pw-123456!"},
        HTTP_X_FORWARDED_FOR=spoofed(99),
    )
    assert r.status_code == 200 and "_auth_user_id" not in web.session


def test_rotating_x_forwarded_for_does_not_defeat_the_public_api_limit(db, addr, settings):
    settings.PUBLIC_API_RATE = "5/min"
    api = APIClient(REMOTE_ADDR=addr)
    statuses = [
        api.get("/api/v1/public/complexes/", HTTP_X_FORWARDED_FOR=spoofed(n)).status_code
        for n in range(10)
    ]
    assert statuses == [200] * 5 + [429] * 5


def test_behind_a_trusted_proxy_the_address_it_saw_counts(db, addr, settings):
    """TRUSTED_PROXY_COUNT=1 (what base.py derives for DRF): the last entry is the one our
    proxy wrote; what the client wrote before it changes nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.PUBLIC_API_RATE = "3/min"
    proxy = APIClient(REMOTE_ADDR=addr)
    client_a, client_b = f"192.0.2.{next(_addresses)}", f"192.0.2.{next(_addresses)}"
    a = [
        proxy.get(
            "/api/v1/public/complexes/", HTTP_X_FORWARDED_FOR=f"{spoofed(n)}, {client_a}"
        ).status_code
        for n in range(5)
    ]
    assert a == [200, 200, 200, 429, 429]
    b = proxy.get("/api/v1/public/complexes/", HTTP_X_FORWARDED_FOR=client_b)
    assert b.status_code == 200  # another client behind the same proxy

    # allauth's limits count by the same address
    web = Client(REMOTE_ADDR=addr)
    for n in range(10):
        web.post(
            "/accounts/login/",
            {"login": f"nobody-{n}@example.test", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"{spoofed(n)}, {client_a}",
        )
    user = UserFactory(email=f"u-{uuid.uuid4().hex[:10]}@example.test")
    credentials = {"login": user.email, "password": "pw-123456!"}
    web.post("/accounts/login/", credentials, HTTP_X_FORWARDED_FOR=f"x, {client_a}")
    assert "_auth_user_id" not in web.session
    web.post("/accounts/login/", credentials, HTTP_X_FORWARDED_FOR=client_b)
    assert "_auth_user_id" in web.session
