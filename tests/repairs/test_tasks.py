"""Background warnings (seed 004 fines; 법 29조②; Art. 79①), idempotent, with Celery eager."""

from datetime import date

import pytest
from django.core import mail

from repairs.models import AnnualStatus, RepairWarning
from repairs.services import review_record
from repairs.tasks import annual_status_january, repair_warnings
from repairs.warnings import due_warnings, send_warnings
from tests.repairs.helpers import plan_alpha

pytestmark = pytest.mark.django_db


def test_review_warning_90_and_30_days_before(alpha):
    """3-yearly review: reviewed 2023-05-10 → due 2026-05-10; warned from 2026-02-09 (90 days)
    and again from 2026-04-10 (30 days); not before."""
    plan_alpha(alpha.complex)
    review_record(complex=alpha.complex, reviewed_on=date(2023, 5, 10), findings="검토")
    keys = lambda d: {k for k, _ in due_warnings(complex=alpha.complex, today=d)}  # noqa: E731
    assert not any(k.startswith("review") for k in keys(date(2026, 2, 8)))
    assert "review:2026-05-10:90" in keys(date(2026, 2, 9))
    assert "review:2026-05-10:30" in keys(date(2026, 4, 10))


def test_component_year_warning_and_idempotent_email(alpha):
    """'외벽 도장' every 8 years from 2019 → 2027: warned from 2026-10-03 (90 days before)."""
    plan_alpha(alpha.complex)
    review_record(complex=alpha.complex, reviewed_on=date(2025, 1, 2), findings="검토")
    assert not [
        k
        for k, _ in due_warnings(complex=alpha.complex, today=date(2026, 10, 2))
        if "외벽 도장" in k
    ]
    assert send_warnings(complex=alpha.complex, today=date(2026, 10, 3)) == 1
    assert "외벽 도장" in mail.outbox[0].body and "2027년" in mail.outbox[0].body
    assert {t for m in mail.outbox for t in m.to} >= {"manager@alpha.test", "council@alpha.test"}
    assert send_warnings(complex=alpha.complex, today=date(2026, 10, 4)) == 0  # sent once
    assert RepairWarning.objects.filter(complex=alpha.complex).count() == 1


def test_tasks_run_eagerly_and_twice_is_harmless(alpha):
    plan_alpha(alpha.complex)
    assert repair_warnings() == 1
    assert annual_status_january() == 1
    assert annual_status_january() == 1
    status = AnnualStatus.objects.get(complex=alpha.complex)
    assert status.publish_by == date(status.year + 1, 3, 31)
    assert status.figures["year"] == status.year
