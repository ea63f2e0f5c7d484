"""Content-Security-Policy (no inline script or style, django-csp) and Permissions-Policy on
every page, the templates that make that possible, and mail logs without voting codes."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def csp_of(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/public/", "/api/docs/", "/admin/login/", "/c/alpha/"]
)
def test_every_page_has_the_policies(alpha, client, path):
    client.force_login(alpha.manager)
    r = client.get(path)
    csp = csp_of(r)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in r.headers["Content-Security-Policy"]
    assert "camera=()" in r.headers["Permissions-Policy"]
    assert "geolocation=()" in r.headers["Permissions-Policy"]


def test_production_settings_keep_the_policies():
    """config.settings.production, loaded as it runs (its own process and environment)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-0123456789abcdef",
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/none",
        "SITE_URL": "https://portal.example.org",
        "EMAIL_URL": "smtp+tls://portal@mail.example.org:587",
        "CELERY_BROKER_URL": "amqp://portal@rabbitmq:5672//",
    }
    code = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['style-src'], "
        "'csp.middleware.CSPMiddleware' in s.MIDDLEWARE, s.PERMISSIONS_POLICY, "
        "s.TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES']]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    script, style, middleware, permissions, proxies, num_proxies = json.loads(out)
    assert script == style == ["'self'"] and middleware
    assert "camera=()" in permissions
    assert proxies == num_proxies == 0


def page_templates():
    return [p for p in TEMPLATES.rglob("*.html") if "/pdf/" not in str(p)]


@pytest.mark.parametrize("template", page_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_handler_or_style(template):
    html = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
    assert "<style" not in html and "javascript:" not in html


def test_api_docs_load_their_script_from_a_file(db, client):
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page and "<style>" not in page
    script = re.search(r'<script src="([^"]*script=[^"]*)"', page).group(1).replace("&amp;", "&")
    r = client.get(script)
    assert r.status_code == 200 and "SwaggerUIBundle" in r.content.decode()


def test_mail_is_printed_without_secrets_outside_tests():
    from config.settings import base

    assert base.EMAIL_BACKEND == "core.emails.ConsoleBackend"


def test_voting_code_reaches_the_household_but_not_the_console(db):
    from elections.channels import EmailChannel

    class Vote:
        title = "관리규약 개정"
        opens_at = closes_at = None
        polling_place = "관리사무소"

        class complex:
            slug = "alpha"
            name = "알파아파트"

    class Entry:
        token = "t" * 20
        voter_email = "owner@example.test"

        class unit:
            label = "101동 1203호"

    stream = io.StringIO()
    from core.emails import ConsoleBackend

    EmailChannel().send_invitation(entry=Entry, vote=Vote, code="493817")
    assert "493817" in mail.outbox[0].body  # the household gets it (locmem in tests)
    ConsoleBackend(stream=stream).send_messages(mail.outbox)
    assert "493817" not in stream.getvalue() and "101동 1203호" in stream.getvalue()
