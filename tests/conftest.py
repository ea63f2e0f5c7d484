"""Shared fixtures (conventions.md): two complexes, in each an office manager, office staff, a
council member, an election-committee member, a resident owner and a resident lessee; plus an
outsider who belongs to no complex, and a district official over both."""

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from rest_framework.test import APIClient

from complexes.models import DistrictOfficial, ResidentKind, Role
from tests.factories import (
    BuildingFactory,
    ComplexFactory,
    UnitFactory,
    UserFactory,
    member,
    resident,
)

# Every test runs on PostgreSQL and Redis, on every machine: `make test` starts private ones when
# DATABASE_URL / REDIS_URL are unset (.ci/with-services). The SQLite demo has its own smoke test
# (tests/test_sqlite_demo.py), which runs it in a separate process.
if (
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    or not settings.REDIS_URL
):
    pytest.exit(
        "The tests need PostgreSQL and Redis: run `make test` (it starts private ones), or "
        "`bash .ci/with-services .venv/bin/python -m pytest …`, or set DATABASE_URL=postgres://… "
        "and REDIS_URL=redis://….",
        returncode=4,
    )


@pytest.fixture(autouse=True)
def _fresh_local_cache(settings):
    """Rows rolled back between tests free their ids for the next test on SQLite, so a cache
    keyed by id (fees/caching.py) must not outlive a test. The in-process cache is emptied; a
    Redis cache is namespaced per run instead (config/settings/test.py), where PostgreSQL never
    hands out an id twice."""
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        from django.core.cache import cache

        cache.clear()


RELATIVE_LINK = re.compile(
    r"""(?:href=["']|(?<![\w:/.\-]))(/(?:c|district|invite|join|accounts|public|api|vote)/[^\s"'<]*)"""
)


@pytest.fixture(autouse=True)
def _links_in_messages_are_absolute():
    """Every link in every message a test sends starts with a scheme and host (SITE_URL,
    core/links.py): a message is read outside the site, where a path leads nowhere."""
    yield
    for message in getattr(mail, "outbox", []):
        parts = [message.body] + [content for content, _ in getattr(message, "alternatives", [])]
        relative = [m for part in parts for m in RELATIVE_LINK.findall(part)]
        assert not relative, f"relative link(s) {relative} in the mail {message.subject!r}"


# Mail that may leave without the notification path: the account's own mails (allauth's
# sign-up confirmation and password reset, Django's) and error mail to admins.
ACCOUNT_MAIL = ("/allauth/", "/django/contrib/auth/", "/django/utils/log.py")


@pytest.fixture(autouse=True)
def _every_message_goes_through_the_notification_path(monkeypatch):
    """Issue 14 [3/9]: every notification goes through residents/notifications (one Delivery
    per recipient, the channel each person chose). A mail sent from anywhere else — a
    leftover send_mail, a new e-mail-only path — fails the test that sent it."""
    import traceback

    from django.core.mail.message import EmailMessage

    real_send = EmailMessage.send
    stray = []

    def send(self, fail_silently=False):
        files = [frame.filename for frame in traceback.extract_stack()]
        through_path = any(f.endswith("core/messaging/email.py") for f in files)
        if not through_path and not any(part in f for f in files for part in ACCOUNT_MAIL):
            stray.append((self.subject, self.to))
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", send)
    yield
    assert not stray, f"mail sent outside residents/notifications: {stray}"


@dataclass
class Tenant:
    complex: object
    building: object
    unit: object  # the owner's unit
    lessee_unit: object
    manager: object
    staff: object
    council: object
    committee: object
    owner: object
    lessee: object


def make_tenant(slug: str, name: str) -> Tenant:
    complex_ = ComplexFactory(slug=slug, name=name)
    building = BuildingFactory(complex=complex_, name="101" if slug == "alpha" else "201")
    unit = UnitFactory(building=building, number="1203", floor=12, supply_area=Decimal("84.97"))
    lessee_unit = UnitFactory(
        building=building, number="804", floor=8, supply_area=Decimal("59.90")
    )
    return Tenant(
        complex=complex_,
        building=building,
        unit=unit,
        lessee_unit=lessee_unit,
        manager=member(complex_, Role.MANAGER, UserFactory(email=f"manager@{slug}.test")),
        staff=member(complex_, Role.STAFF, UserFactory(email=f"staff@{slug}.test")),
        council=member(complex_, Role.COUNCIL, UserFactory(email=f"council@{slug}.test")),
        committee=member(complex_, Role.COMMITTEE, UserFactory(email=f"committee@{slug}.test")),
        owner=resident(unit, ResidentKind.OWNER, UserFactory(email=f"owner@{slug}.test")),
        lessee=resident(lessee_unit, ResidentKind.LESSEE, UserFactory(email=f"lessee@{slug}.test")),
    )


@pytest.fixture
def alpha(db) -> Tenant:
    return make_tenant("alpha", "알파아파트")


@pytest.fixture
def beta(db) -> Tenant:
    return make_tenant("beta", "베타아파트")


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.test")


@pytest.fixture
def official(db):
    user = UserFactory(email="official@district.test")
    DistrictOfficial.objects.create(user=user, district_code="11680", district_name="강남구")
    return user


@pytest.fixture
def api():
    """An API client; call api.force_authenticate(user) to act as someone."""
    return APIClient()


@pytest.fixture
def as_user(client):
    """client logged in as the given user: as_user(alpha.manager).get(...)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def solapi(settings):
    """A local fake of the SMS/KakaoTalk provider (tests/fake_solapi.py), with the settings
    pointing the SDK at it; `solapi.messages` are the messages it received."""
    from tests.fake_solapi import FakeSolapi, serve

    fake = FakeSolapi()
    server = serve(fake)
    settings.SOLAPI_API_KEY = fake.api_key
    settings.SOLAPI_API_SECRET = "test-secret"
    settings.SOLAPI_BASE_URL = fake.url
    settings.SMS_DEFAULT_SENDER = "0215880000"
    settings.KAKAO_DEFAULT_PFID = ""
    yield fake
    server.shutdown()
    server.server_close()
    # SMS and 알림톡 are read outside the site too: every link in them is absolute.
    relative = [m for msg in fake.messages for m in RELATIVE_LINK.findall(msg.get("text", ""))]
    assert not relative, f"relative link(s) {relative} in an SMS/알림톡"
