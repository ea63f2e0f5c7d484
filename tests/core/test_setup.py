"""The settings and the fresh-machine setup: production refuses weak or missing secrets, the
deployment checklist passes, demo data is refused in production, the compose file parses."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "sqlite:////tmp/prod-check.sqlite3",
    "SITE_URL": "https://portal.example.org",
    "EMAIL_URL": "smtp+tls://portal@mail.example.org:587",
    "CELERY_BROKER_URL": "amqp://portal@rabbitmq:5672//",
}


def run_manage(*args, env):
    # The e2e run sets DJANGO_ALLOW_ASYNC_UNSAFE for live_server; a deployment never does.
    unset = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    unset |= {"SITE_URL", "EMAIL_URL", "CELERY_BROKER_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    r = run_manage("check", env=PROD_ENV)
    assert r.returncode != 0 and "SECRET_KEY" in r.stderr


def test_production_refuses_a_weak_secret_key():
    r = run_manage("check", env={**PROD_ENV, "SECRET_KEY": "short"})
    assert r.returncode != 0 and "SECRET_KEY must be a real secret" in r.stderr


def test_production_passes_the_deployment_checklist():
    key = "k" + "".join(chr(97 + (i * 7) % 26) for i in range(60))
    env = {**PROD_ENV, "SECRET_KEY": key}
    r = run_manage("check", "--deploy", env=env)  # any error fails
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_manage("check", "--deploy", "--tag", "security", "--fail-level", "WARNING", env=env)
    assert r.returncode == 0, r.stdout + r.stderr  # and so does any security warning


@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo_is_refused_in_production(db):
    with pytest.raises(CommandError, match="운영 설정"):
        call_command("seed_demo")


def test_seed_demo_twice_is_fine(db, capsys):
    from complexes.models import Complex, Unit, Ward

    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "이미 있습니다" in out and "official@gangnam.demo" in out and "demo1234!" in out
    hanbit = Complex.objects.get(slug="hanbit")
    assert Unit.objects.filter(complex=hanbit).count() == 600
    areas = set(Unit.objects.filter(complex=hanbit).values_list("supply_area", flat=True))
    assert areas == {Decimal("59.90"), Decimal("84.97"), Decimal("114.50")}
    households = [w.unit_queryset().count() for w in Ward.objects.filter(complex=hanbit)]
    assert len(households) == 7 and max(households) <= 2 * min(households)  # Art. 17①
    assert Unit.objects.filter(complex__slug="saebom").count() == 120


def test_compose_file_parses():
    env = {**os.environ, "PORTAL_ENV_FILE": ".env.example"}
    r = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "--env-file", ".env.example", "config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    config = r.stdout
    for service in ("migrate:", "web:", "worker:", "beat:", "db:", "rabbitmq:", "redis:"):
        assert f"\n  {service}" in config
    assert "gunicorn config.wsgi:application" in config
    # Migrations run once, as their own service, before the app starts; never in web.
    web = config[config.index("\n  web:") : config.index("\n  worker:")]
    assert config.count("manage.py migrate") == 1 and "manage.py migrate" not in web
    assert "migrate:\n        condition: service_completed_successfully" in web
    # The broker is RabbitMQ with its data on a volume.
    assert "CELERY_BROKER_URL: amqp://" in config and "rabbitmq:/var/lib/rabbitmq" in config


@pytest.mark.parametrize(
    "missing", ["SITE_URL", "EMAIL_URL", "CELERY_BROKER_URL"], ids=lambda name: name
)
def test_production_refuses_to_start_without_a_deployment_value(missing):
    key = "k" + "".join(chr(97 + (i * 7) % 26) for i in range(60))
    env = {k: v for k, v in {**PROD_ENV, "SECRET_KEY": key}.items() if k != missing}
    r = run_manage("check", env=env)
    assert r.returncode != 0 and missing in r.stderr


def test_production_wants_the_sites_https_address():
    key = "k" + "".join(chr(97 + (i * 7) % 26) for i in range(60))
    r = run_manage("check", env={**PROD_ENV, "SECRET_KEY": key, "SITE_URL": "http://x.org"})
    assert r.returncode != 0 and "SITE_URL must be the site's https:// address" in r.stderr


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "ko" and ("en", "English") in settings.LANGUAGES
    assert settings.TIME_ZONE == "Asia/Seoul" and settings.USE_TZ


def test_errors_go_to_sentry_only_when_a_dsn_is_set():
    key = "k" + "".join(chr(97 + (i * 7) % 26) for i in range(60))
    probe = (
        "import sentry_sdk; c = sentry_sdk.get_client();"
        "o = c.options; print(c.is_active(), o['send_default_pii'] or o['include_local_variables']"
        " or o['max_request_body_size'] != 'never',"
        " sorted(i for i in c.integrations if i in ('django', 'celery')))"
    )
    env = {**PROD_ENV, "SECRET_KEY": key, "SENTRY_DSN": "https://public@sentry.example.org/1"}
    r = run_manage("shell", "-c", probe, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "True False ['celery', 'django']"
    r = run_manage("shell", "-c", probe, env={**PROD_ENV, "SECRET_KEY": key})
    assert r.stdout.splitlines()[-1].startswith("False")
