"""Deadline reminders (tasks eager in tests): each due once; boundaries of Arts. 57③, 58①, 59①."""

from datetime import date

import pytest
from django.core import mail

from config.celery import app
from council.contracts import audits, services
from council.contracts.reminders import due_reminders, send_due_reminders
from council.contracts.tasks import contracts_reminders

from .helpers import management_contract, service_contract

pytestmark = pytest.mark.django_db
SECTIONS = {str(k): "해당 없음" for k in range(1, 9)}


def kinds(c, today):
    return sorted(
        r.kind
        for r in due_reminders(complex=c, today=today)
        if r.kind not in ("audit_missing", "guarantee_missing")
    )


def test_contract_publication_from_7_days_before_and_late(alpha):
    """Art. 57③: signed Jan 31 → due Feb 28 (2027): reminded from Feb 21, late from Mar 1."""
    services.contract_create(
        complex=alpha.complex,
        kind="works",
        title="공사",
        counterparty="가",
        signed_on=date(2027, 1, 31),
        start=date(2027, 2, 1),
        end=date(2027, 6, 30),
        total_amount=1,
    )
    assert kinds(alpha.complex, date(2027, 2, 20)) == []
    assert kinds(alpha.complex, date(2027, 2, 21)) == ["contract_publish"]
    assert kinds(alpha.complex, date(2027, 2, 28)) == ["contract_publish"]
    assert kinds(alpha.complex, date(2027, 3, 1)) == ["contract_late"]


def test_recontract_resolution_due_until_E_minus_60(alpha):
    """Art. 58①: E = 2027-03-31 → resolve by 2027-01-30; reminded from 2026-12-31."""
    mc = management_contract(alpha.complex, end=date(2027, 3, 31))
    services.contract_publish(contract=mc)
    assert kinds(alpha.complex, date(2026, 12, 30)) == []
    assert kinds(alpha.complex, date(2026, 12, 31)) == ["recontract_due"]
    assert kinds(alpha.complex, date(2027, 1, 30)) == ["recontract_due"]
    assert kinds(alpha.complex, date(2027, 1, 31)) == []


def test_evaluation_due_until_E_minus_45(alpha):
    """Art. 59①: E = 2027-03-31 → evaluate by 2027-02-14; reminded from 2027-01-15."""
    sc = service_contract(alpha.complex, end=date(2027, 3, 31))
    services.contract_publish(contract=sc)
    assert kinds(alpha.complex, date(2027, 1, 14)) == []
    assert kinds(alpha.complex, date(2027, 2, 14)) == ["evaluation_due"]
    assert kinds(alpha.complex, date(2027, 2, 15)) == []


def test_audit_missing_from_march(alpha):
    assert "audit_missing" not in {
        r.kind for r in due_reminders(complex=alpha.complex, today=date(2027, 2, 28))
    }
    assert "audit_missing" in {
        r.kind for r in due_reminders(complex=alpha.complex, today=date(2027, 3, 1))
    }
    a = audits.auditor_appoint(
        complex=alpha.complex,
        auditor_name="가",
        fiscal_year=2026,
        not_disciplined=True,
        not_suspended=True,
        appointed_on=date(2027, 1, 2),
    )
    audits.audit_report_create(
        complex=alpha.complex,
        kind="external",
        title="2026",
        appointment=a,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        sections=SECTIONS,
        submitted_on=date(2027, 3, 2),
    )
    assert "audit_missing" not in {
        r.kind for r in due_reminders(complex=alpha.complex, today=date(2027, 3, 3))
    }


def test_sent_once_even_when_run_twice(alpha, beta):
    management_contract(alpha.complex, end=date(2027, 3, 31))
    mail.outbox.clear()
    assert (
        send_due_reminders(complex=alpha.complex, today=date(2027, 1, 5)) == 3
    )  # publication late, re-contract due, no guarantee
    assert send_due_reminders(complex=alpha.complex, today=date(2027, 1, 5)) == 0
    assert all("manager@alpha.test" in m.to for m in mail.outbox)
    assert not any("beta" in ",".join(m.to) for m in mail.outbox)
    assert contracts_reminders() >= 2  # one task per complex, harmless again


def test_beat_schedule_has_the_task():
    entries = {e["task"] for e in app.conf.beat_schedule.values()}
    assert "council.contracts.tasks.contracts_reminders" in entries
    assert "council.contracts.tasks.contracts_reminders" in app.tasks
