"""The demo seeds a finished tender (3 bids, award), a management contract nearing renewal, and
one audit report (issue 19, "Contract for checks")."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.contracts.models import AuditReport, Contract, Procurement
from council.contracts.reminders import due_reminders
from disclosure.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_story():
    call_command("seed_demo")
    p = Procurement.objects.get(complex__slug="hanbit")
    assert p.status == "contracted" and p.bids.count() == 3 and p.award_bid.total is not None
    assert p.award_bid.total == max(b.total for b in p.bids.all())
    mc = Contract.objects.get(complex__slug="hanbit", kind="management_company")
    today = timezone.localdate()
    kinds = {r.kind for r in due_reminders(complex=mc.complex, today=today)}
    assert {"recontract_due", "evaluation_due"} <= kinds
    report = AuditReport.objects.get(complex__slug="hanbit")
    assert report.published_at and report.findings.filter(closed_on__isnull=True).count() == 1
    assert Publication.objects.filter(complex__slug="hanbit", duty="external_audit").exists()
    assert Publication.objects.filter(complex__slug="hanbit", duty="bid_notice").count() >= 2
    assert "guarantee_lapsing" in kinds  # Art. 90: the office manager's, within 30 days
