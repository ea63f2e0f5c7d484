"""More rules of 20-fees.md through the services: misc income credit (Art. 80⑤, 86③), move-out
settlement (Art. 85②③), fee deposits (Art. 77②), adjustments (Art. 86), cumulative late fees
(별표 8, Precise rule 8), meter anomalies (Art. 63), notifications and scheduled drafts."""

from datetime import date, timedelta

import pytest
from django.core import mail

from core.errors import ApplicationError
from fees import selectors, services, tasks
from fees.models import Bill, BillingRun, FeeDeposit, MoveOutSettlement, Payment
from tests.fees.helpers import OCT, SEP, four_units, import_costs, import_readings, only


@pytest.fixture
def four(alpha):
    building, units = four_units(alpha.complex)
    only(alpha.complex, units)
    return alpha.complex, building, units


def line(bill, item):
    return sum(x["amount"] for x in bill.lines if x["item"] == item)


def test_misc_income_credit_is_a_twelfth_split_by_area(four):
    """Art. 80⑤1 / Precise rule 14: 1,200,000 set aside for 2026 → 100,000 a month by area;
    Art. 86③: the bill shows the complex's misc income, the part used and the unit's credit."""
    complex_, _, _units = four
    services.fee_reduction_set(complex=complex_, year=2026, amount=1_200_000)
    services.misc_income_record(complex=complex_, period=SEP, kind="recycling", amount=450_000)
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    run = services.billing_run_draft(complex=complex_, period=SEP)
    bills = sorted(Bill.objects.filter(run=run), key=lambda b: b.supply_area)
    assert [b.misc_income_credit for b in Bill.objects.filter(run=run).order_by("unit__floor")] == [
        -17_396,
        -24_676,
        -24_676,
        -33_252,
    ]
    assert run.summary["misc_income_month"] == 450_000
    assert run.summary["misc_income_reduction"] == 100_000
    assert all(b.charges == line(b, "general_admin") + b.misc_income_credit for b in bills)


def test_cumulative_late_fees_equal_the_one_step_example(four):
    """Precise rule 8: billed in two steps (80 then 160 days) the late fees add up to 15,780."""
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount,units,basis\nfacility_use,300000,301-101,direct")
    run = services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    due = run.due_date
    p2, p3 = date(2026, 10, 1), date(2026, 11, 1)
    import_costs(complex_, p2, "item,amount\ngeneral_admin,4")
    services.billing_run_issue(complex=complex_, period=p2, issued_on=due + timedelta(days=80))
    import_costs(complex_, p3, "item,amount\ngeneral_admin,4")
    # pay the second bill's own charges and its late fee, not the first bill: payments go to
    # the oldest first, so the first bill's principal is reduced by what was paid
    services.billing_run_issue(complex=complex_, period=p3, issued_on=due + timedelta(days=160))
    fees = [b.late_fee for b in Bill.objects.filter(unit=units[0]).order_by("period")]
    assert fees == [0, 7_890, 7_890]  # ⌊7,890.4⌋, then ⌊15,780.8⌋ − 7,890
    assert sum(fees) == 15_780


def test_partial_payment_reduces_the_principal_from_its_date(four):
    """Payments settle the oldest charges first (Art. 86⑤); the paid part accrues up to its date."""
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount,units,basis\nfacility_use,365000,301-101,direct")
    run = services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    Payment.objects.create(
        complex=complex_, unit=units[0], paid_on=run.due_date + timedelta(days=10), amount=165_000
    )
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,4")
    services.billing_run_issue(
        complex=complex_, period=OCT, issued_on=run.due_date + timedelta(days=20)
    )
    bill = Bill.objects.get(unit=units[0], period=OCT)
    # 165,000 × 12% × 10/365 = 542.46; 200,000 × 12% × 20/365 = 1,315.07 → ⌊1,857.53⌋
    assert bill.late_fee == 1_857
    assert bill.arrears == 200_000


def test_adjustment_goes_on_a_later_bill_with_its_reason(four):
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    with pytest.raises(ApplicationError):
        services.adjustment_create(
            complex=complex_, unit=units[0], period=SEP, amount=-500, reason="x"
        )
    services.adjustment_create(
        complex=complex_,
        unit=units[0],
        period=OCT,
        amount=-1_000,
        reason="9월 청소비 과다 부과 정정",
    )
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,100000")
    services.billing_run_draft(complex=complex_, period=OCT)
    bill = Bill.objects.get(unit=units[0], period=OCT)
    adj = next(x for x in bill.lines if x["item"] == "adjustment")
    assert adj["amount"] == -1_000 and adj["note"] == "9월 청소비 과다 부과 정정"
    assert bill.adjustments == -1_000


def _three_months(complex_, amounts=(90_000, 93_000, 96_000)):
    for i, amount in enumerate(amounts):
        period = date(2026, 6 + i, 1)
        import_costs(
            complex_, period, f"item,amount,units,basis\ngeneral_admin,{amount},301-101,direct"
        )
        run = services.billing_run_issue(
            complex=complex_, period=period, issued_on=date(2026, 7 + i, 5)
        )
        for b in Bill.objects.filter(run=run, charges__gt=0):  # paid on the day it arrives
            Payment.objects.create(
                complex=complex_, unit=b.unit, paid_on=b.issued_on, amount=b.charges
            )


def test_move_out_interim_settlement(four):
    """Art. 85②: 중간정산 = average of the 3 months before ÷ days in the month × days lived."""
    complex_, _, units = four
    _three_months(complex_)
    s = services.move_out_settle(
        complex=complex_, unit=units[0], move_out_on=date(2026, 9, 12), usage_amount=20_000
    )
    # average 93,000 ÷ 30 days × 12 days = 37,200
    assert (s.average_fee, s.days_in_month, s.days_lived, s.interim_fee) == (93_000, 30, 12, 37_200)
    assert s.total == 57_200 and s.arrears == 0
    # the month's regular bill shows the collected amount as 선납
    import_costs(complex_, SEP, "item,amount,units,basis\ngeneral_admin,95000,301-101,direct")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 5))
    bill = Bill.objects.get(unit=units[0], period=SEP)
    assert bill.prepaid == 57_200 and bill.total_due == 95_000 - 57_200


def test_move_out_through_the_residents_register(four):
    """residents.services.occupancy_move_out is the one move-out: it triggers the settlement and
    the owner's deposit refund (Art. 77②, not netted unless the office chooses)."""
    from residents import services as residents_services

    complex_, _, units = four
    _three_months(complex_)
    services.deposit_collect(complex=complex_, unit=units[0], amount=84_970, on=date(2020, 1, 1))
    occupancy = residents_services.occupancy_move_in(
        unit=units[0], kind="owner", moved_in_on=date(2020, 1, 1), by=None, name="김입주"
    )
    residents_services.occupancy_move_out(
        occupancy=occupancy, moved_out_on=date(2026, 9, 12), by=None
    )
    assert MoveOutSettlement.objects.get(unit=units[0]).interim_fee == 37_200
    kinds = list(
        FeeDeposit.objects.filter(unit=units[0]).order_by("pk").values_list("kind", "amount")
    )
    assert kinds == [("collected", 84_970), ("refunded", 84_970)]


def test_deposit_refund_may_net_arrears(four):
    """Art. 77②: 정산 후 잔액을 반환할 수 있다 — the office's choice."""
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount,units,basis\nfacility_use,30000,301-101,direct")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 5))
    services.deposit_collect(complex=complex_, unit=units[0], amount=100_000, on=date(2020, 1, 1))
    result = services.deposit_refund(
        complex=complex_, unit=units[0], on=date(2026, 11, 1), net_arrears=True
    )
    assert result == {"balance": 100_000, "netted": 30_000, "refunded": 70_000}
    assert selectors.unit_account(unit=units[0], on=date(2026, 11, 1)).arrears == 0
    with pytest.raises(ApplicationError):
        services.deposit_refund(
            complex=complex_, unit=units[0], on=date(2026, 11, 2), net_arrears=False
        )


def test_meter_anomalies(four):
    """Art. 63③: usage far from same-area units; Art. 63⑦: no water for 3 months."""
    complex_, _, _units = four
    for m in (7, 8, 9):
        import_readings(
            complex_,
            date(2026, m, 1),
            "building,unit,utility,previous,current\n"
            "301,101,water,10,10\n301,201,water,0,10\n301,301,water,0,100\n301,1001,water,0,9",
        )
    flags = selectors.anomalies(complex=complex_, period=SEP)
    kinds = {(f["unit"], f["kind"]) for f in flags}
    assert ("301동 101호", "3개월 이상 사용량 0 (제63조⑦)") in kinds
    # 201 and 301 have the same area (84.97): only two units, too few to compare
    assert not any(f["unit"] == "301동 301호" for f in flags)


def test_issue_notifies_residents_once(alpha):
    import_costs(alpha.complex, SEP, "item,amount\ngeneral_admin,100000")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        run = services.billing_run_issue(
            complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 10)
        )
    recipients = sorted(m.to[0] for m in mail.outbox if "관리비 고지서" in m.subject)
    assert recipients == ["lessee@alpha.test", "owner@alpha.test"]
    assert tasks.run_issued(run.pk) == 0  # idempotent


def test_scheduled_draft_on_the_configured_day(alpha, monkeypatch):
    import_costs(alpha.complex, OCT, "item,amount\ngeneral_admin,100000")
    settings_ = services.fee_settings(alpha.complex)
    settings_.draft_day = 5
    settings_.save()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2026, 11, 5))
    assert tasks.prepare_drafts() == 1
    assert BillingRun.objects.get(complex=alpha.complex, period=OCT).status == "draft"
    assert any("부과 초안" in m.subject for m in mail.outbox)


def test_overdue_reminders_the_day_after_the_due_date(alpha, monkeypatch):
    """Art. 98①: 독촉 after the due date, once."""
    import_costs(alpha.complex, SEP, "item,amount\ngeneral_admin,100000")
    run = services.billing_run_issue(
        complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 10)
    )
    Payment.objects.create(
        complex=alpha.complex, unit=alpha.lessee_unit, paid_on=date(2026, 10, 20), amount=41_347
    )
    mail.outbox.clear()
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: run.due_date + timedelta(days=1)
    )
    assert tasks.overdue_reminders() == 1
    assert [m.to for m in mail.outbox] == [["owner@alpha.test"]]
    assert tasks.overdue_reminders() == 0


def test_violation_fine_after_warning_and_response_deadline(four, monkeypatch):
    """Art. 97: warned first, fined from the second violation after the chance to respond;
    billed as its own `violation_fine` line."""
    complex_, _, units = four
    monkeypatch.setattr("fees.services.today", lambda: date(2026, 9, 10))
    with pytest.raises(ApplicationError, match="소명 기한"):
        services.violation_fine_create(
            complex=complex_,
            unit=units[0],
            period=SEP,
            amount=50_000,
            reason="2차 무단 적치",
            warned_on=date(2026, 9, 1),
            response_until=date(2026, 9, 15),
        )
    monkeypatch.setattr("fees.services.today", lambda: date(2026, 9, 20))
    services.violation_fine_create(
        complex=complex_,
        unit=units[0],
        period=SEP,
        amount=50_000,
        reason="2차 무단 적치",
        warned_on=date(2026, 9, 1),
        response_until=date(2026, 9, 15),
    )
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_draft(complex=complex_, period=SEP, issued_on=date(2026, 10, 5))
    bill = Bill.objects.get(unit=units[0], period=SEP)
    fine = next(x for x in bill.lines if x["item"] == "violation_fine")
    assert fine["amount"] == 50_000 and fine["note"] == "2차 무단 적치 (제97조)"
    assert bill.charges == 17_396 + 50_000


def test_a_unit_with_fee_history_is_kept(alpha, as_user):
    """Bills and payments are kept records (Art. 64①): their unit cannot be deleted."""
    from datetime import date

    from complexes.models import Unit
    from fees.models import Payment

    Payment.objects.create(
        complex=alpha.complex,
        unit=alpha.lessee_unit,
        paid_on=date(2026, 10, 1),
        amount=10_000,
        reference="ALPHA",
    )
    alpha.lessee_unit.memberships.all().delete()
    r = as_user(alpha.manager).post(
        f"/c/alpha/office/units/{alpha.lessee_unit.pk}/delete/", follow=True
    )
    assert "기록이 있어 삭제할 수 없습니다" in r.content.decode()
    assert Unit.objects.filter(pk=alpha.lessee_unit.pk).exists()
    assert Payment.objects.filter(unit=alpha.lessee_unit).count() == 1
