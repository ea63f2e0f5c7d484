"""Art. 82③: collecting usage charges for a supplier leaves no surplus — per item and period what
was billed is reconciled with what was paid to the supplier; a surplus is refunded at once or
deducted from next month's usage charges (as adjustment lines with the reason)."""

from datetime import date

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from fees import services
from fees.allocation import split
from fees.models import Adjustment, Bill, UsageReconciliation
from tests.fees.helpers import OCT, SEP, import_costs


@pytest.fixture
def september(alpha):
    """Both alpha units billed 2,500 won TV licence (fixed) and 100,000 won common water by area
    (84.97 / 59.90 m²)."""
    import_costs(alpha.complex, SEP, "item,amount\ntv_license,2500\ncommon_water,100000")
    services.billing_run_issue(complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 5))
    return alpha


def test_surplus_deducted_from_next_months_usage_charges(september):
    c = september.complex
    r = services.usage_reconcile(
        complex=c, period=SEP, item="common_water", paid=99_001, action="deduct"
    )
    assert (r.billed, r.paid, r.surplus) == (100_000, 99_001, 999)
    assert r.deducted_in == OCT
    # 999 won split in proportion to what each unit was billed (largest remainder, exact).
    lines = {
        b.unit_id: next(x["amount"] for x in b.lines if x["item"] == "common_water")
        for b in Bill.objects.filter(complex=c, period=SEP)
    }
    adj = {a.unit_id: a for a in Adjustment.objects.filter(complex=c, period=OCT)}
    assert sum(-a.amount for a in adj.values()) == 999
    order = [september.lessee_unit.pk, september.unit.pk]  # 804 before 1203 (Precise rule 4)
    assert [-adj[u].amount for u in order] == split(999, [lines[u] for u in order])
    assert all(a.reason == "공동 수도료 잉여금 차감 (2026-09분, 제82조③)" for a in adj.values())
    # The October bills carry the deduction.
    services.billing_run_issue(complex=c, period=OCT, issued_on=date(2026, 11, 5))
    oct_bills = Bill.objects.filter(complex=c, period=OCT)
    # ... as a line of the usage charges ("from next month's usage charges"), not a correction
    refunds = [x for b in oct_bills for x in b.lines if x["item"] == "usage_refund"]
    assert sum(x["amount"] for x in refunds) == -999
    assert {x["section"] for x in refunds} == {"usage"}
    assert sum(b.adjustments for b in oct_bills) == 0
    bill = next(b for b in oct_bills if b.unit_id == september.unit.pk)
    assert bill.usage_charges == sum(x["amount"] for x in bill.lines if x["section"] == "usage")
    with pytest.raises(ApplicationError, match="이미 정산했습니다"):
        services.usage_reconcile(
            complex=c, period=SEP, item="common_water", paid=1, action="deduct"
        )


def test_surplus_must_be_refunded_or_deducted(september):
    c = september.complex
    with pytest.raises(ApplicationError, match="잉여금 1원이 있습니다"):
        services.usage_reconcile(complex=c, period=SEP, item="tv_license", paid=4_999)
    r = services.usage_reconcile(
        complex=c, period=SEP, item="tv_license", paid=4_000, action="refund"
    )
    assert r.surplus == 1_000 and r.action == "refund"
    assert sorted(a for _, a in r.shares) == [500, 500]
    assert not Adjustment.objects.exists()  # refunded at once, not billed


def test_no_surplus_and_refusals(september, beta):
    c = september.complex
    r = services.usage_reconcile(
        complex=c, period=SEP, item="common_water", paid=100_000, action="deduct"
    )
    assert r.surplus == 0 and r.action == "none" and not Adjustment.objects.exists()
    with pytest.raises(ApplicationError, match="사용료 비목이 아닙니다"):
        services.usage_reconcile(complex=c, period=SEP, item="general_admin", paid=0)
    with pytest.raises(ApplicationError, match="발행되지 않아"):
        services.usage_reconcile(complex=c, period=OCT, item="water", paid=0)
    # Deducting into a month already issued is refused (issued bills never change).
    services.billing_run_issue(complex=c, period=OCT, issued_on=date(2026, 11, 5))
    with pytest.raises(ApplicationError, match="이미 발행"):
        services.usage_reconcile(complex=c, period=SEP, item="tv_license", paid=0, action="deduct")
    assert UsageReconciliation.objects.count() == 1


def test_page(september, beta, as_user):
    url = reverse("fees:usage_reconciliation", args=["alpha"])
    client = as_user(september.manager)
    assert "세대 전기료" in client.get(url).content.decode()
    body = {"period": "2026-09", "item": "common_water", "paid": 99_000, "action": "none"}
    r = client.post(url, body)
    assert r.status_code == 200 and "잉여금 1,000원이 있습니다" in r.content.decode()
    assert client.post(url, {**body, "action": "deduct"}).status_code == 302
    page = client.get(url).content.decode()
    assert "다음 달 사용료에서 차감 (2026-10분 고지서, 2세대)" in page
    assert as_user(september.council).get(url).status_code == 403
    assert as_user(beta.manager).get(url).status_code == 404
