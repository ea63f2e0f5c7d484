"""Art. 63②: meters are re-verified or replaced before their verification expires — expiry dates
recorded per unit and utility (or imported), the office page lists those expired or expiring
within 90 days, and a task tells the office 90 and 30 days before, once each."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import ApplicationError
from fees import selectors, services, tasks
from fees.models import MeterVerification
from tests.fees.helpers import csv

TODAY = date(2026, 11, 22)


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


def test_import_is_all_or_nothing(alpha):
    bad = "building,unit,utility,expires_on,serial\n101,1203,water,2027-01-10,W-1\n101,9999,gas,2027-13-01,\n"
    with pytest.raises(ApplicationError) as e:
        services.meter_verifications_import(complex=alpha.complex, data=csv(bad), filename="m.csv")
    assert [(r["line"], r["column"]) for r in e.value.extra["rows"]] == [
        (3, "expires_on"),
        (3, "unit"),
    ]
    assert not MeterVerification.objects.exists()
    good = "building,unit,utility,expires_on,serial\n101동,1203호,water,2027-01-10,W-1\n101,804,gas,2026-11-01,\n"
    assert (
        services.meter_verifications_import(complex=alpha.complex, data=csv(good), filename="m.csv")
        == 2
    )


def test_expiring_list_at_the_90_day_boundary(alpha):
    for unit, utility, expires in (
        (alpha.unit, "water", TODAY + timedelta(days=90)),
        (alpha.unit, "gas", TODAY + timedelta(days=91)),
        (alpha.lessee_unit, "water", TODAY - timedelta(days=1)),
    ):
        services.meter_verification_set(
            complex=alpha.complex, unit=unit, utility=utility, expires_on=expires
        )
    rows = selectors.meters_expiring(complex=alpha.complex, on=TODAY)
    assert [(r.utility, r.days_left) for r in rows] == [("water", -1), ("water", 90)]


def test_reminders_90_and_30_days_before_once_each(alpha, beta, today, monkeypatch):
    w = services.meter_verification_set(
        complex=alpha.complex,
        unit=alpha.unit,
        utility="water",
        expires_on=TODAY + timedelta(days=90),
        serial="W-1",
    )
    services.meter_verification_set(
        complex=beta.complex, unit=beta.unit, utility="gas", expires_on=TODAY + timedelta(days=200)
    )
    assert tasks.meter_verification_reminders() == 1
    # One message per person of the office (each by their own channel: residents/notifications).
    assert sorted(t for m in mail.outbox for t in m.to) == [
        "manager@alpha.test",
        "staff@alpha.test",
    ]
    msg = mail.outbox[0]
    assert "101동 1203호" in msg.body and "90일 남음" in msg.body and "제63조②" in msg.body
    assert tasks.meter_verification_reminders() == 0  # idempotent
    # 60 days later: 30 days left → the second reminder, once.
    from django.utils import timezone

    later = TODAY + timedelta(days=60)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    assert tasks.meter_verification_reminders() == 1
    assert "30일 남음" in mail.outbox[-1].body
    assert tasks.meter_verification_reminders() == 0
    # Re-verified: a new expiry date re-arms the reminders.
    w = services.meter_verification_set(
        complex=alpha.complex, unit=alpha.unit, utility="water", expires_on=date(2031, 1, 1)
    )
    assert (w.notified_90_on, w.notified_30_on) == (None, None)
    assert tasks.meter_verification_reminders() == 0
    assert len(mail.outbox) == 4  # two reminders, to the manager and the staff each


def test_beat_schedule_has_the_task():
    from config.celery import app

    entries = {e["task"] for e in app.conf.beat_schedule.values()}
    assert "fees.tasks.meter_verification_reminders" in entries


def test_meters_page(alpha, beta, as_user, today):
    url = reverse("fees:meters", args=["alpha"])
    client = as_user(alpha.manager)
    r = client.post(
        url,
        {
            "which": "one",
            "unit": alpha.unit.pk,
            "utility": "electricity",
            "expires_on": "2026-12-01",
            "serial": "E-77",
        },
    )
    assert r.status_code == 302
    bad = SimpleUploadedFile(
        "m.csv", b"building,unit,utility,expires_on\n101,1203,steam,2027-01-01\n"
    )
    r = client.post(url, {"which": "import", "file": bad})
    assert r.status_code == 200 and "알 수 없는 계량기 구분입니다" in r.content.decode()
    page = client.get(url).content.decode()
    assert "E-77" in page and "9일" in page
    # Another complex's unit cannot be picked.
    r = client.post(
        url,
        {"which": "one", "unit": beta.unit.pk, "utility": "water", "expires_on": "2026-12-01"},
    )
    assert r.status_code == 200 and MeterVerification.objects.count() == 1
    assert as_user(alpha.council).get(url).status_code == 403
    assert as_user(beta.manager).get(url).status_code == 404
