"""The plan drives the bills' reserve line exactly (별표 9 through the real import and billing
path), and the ledger's accruals are what issued bills carried."""

from datetime import date

import pytest

from complexes.models import Unit
from fees.services import billing_run_issue
from repairs.fund.ledger import ledger_totals, paid_by_unit
from repairs.fund.status import annual_status
from tests.repairs.helpers import seed_complex, seed_plan

pytestmark = pytest.mark.django_db


def test_byeolpyo9_example_through_import_and_billing():
    """별표 9: in phase 2 a 50 m² unit's bill carries 12,500 won and a 100 m² unit's 25,000 won;
    the complex accrues 12,500,000 won a month. Phase 1 (exact price): 8,333 / 16,666 won."""
    from fees.models import Bill

    c = seed_complex()
    seed_plan(c)  # import_repair_plan's service + set_reserve_phases' service
    billing_run_issue(complex=c, period=date(2010, 12, 1), issued_on=date(2011, 1, 5))
    billing_run_issue(complex=c, period=date(2011, 1, 1), issued_on=date(2011, 2, 5))
    areas = dict(Unit.objects.filter(complex=c).values_list("pk", "supply_area"))
    by_period = {}
    for bill in Bill.objects.filter(complex=c):
        by_period.setdefault(bill.period, {}).setdefault(str(areas[bill.unit_id]), set()).add(
            bill.repair_reserve
        )
    assert by_period[date(2010, 12, 1)] == {"50.00": {8_333}, "100.00": {16_666}}
    assert by_period[date(2011, 1, 1)] == {"50.00": {12_500}, "100.00": {25_000}}
    jan = sum(b.repair_reserve for b in Bill.objects.filter(complex=c, period=date(2011, 1, 1)))
    assert jan == 12_500_000

    # The ledger: balance = accruals from issued bills (+ credits − spending), to the won.
    totals = ledger_totals(complex=c)
    assert totals.accrued == (200 * 8_333 + 400 * 16_666) + 12_500_000
    assert totals.balance == totals.accrued
    figures = annual_status(complex=c, year=2011)
    assert figures["accumulated"] == totals.accrued
    unit = Unit.objects.filter(complex=c, supply_area=50).first()
    rows = paid_by_unit(complex=c, unit_id=unit.pk, start=date(2010, 1, 1), end=date(2011, 12, 1))
    assert [(p, billed) for p, billed, _ in rows] == [
        (date(2010, 12, 1), 8_333),
        (date(2011, 1, 1), 12_500),
    ]


def test_ledger_balance_is_accruals_plus_owner_misc_income_minus_spending(alpha):
    """Art. 80②: owners' misc income (repeater rent) is credited, joint income (recycling) is
    not; Art. 63④ meter re-verification is paid from the reserve; balance to the won."""
    from django.utils import timezone

    from fees.models import Bill
    from fees.services import misc_income_record, payment_record
    from repairs.services import entry_record
    from tests.repairs.helpers import plan_alpha

    c = alpha.complex
    plan_alpha(c)
    billing_run_issue(complex=c, period=date(2025, 1, 1), issued_on=date(2025, 2, 3))
    billed = sum(b.repair_reserve for b in Bill.objects.filter(complex=c))
    assert billed > 0
    misc_income_record(complex=c, period=date(2025, 1, 1), kind="repeater_rent", amount=300_000)
    misc_income_record(complex=c, period=date(2025, 1, 1), kind="recycling", amount=90_000)
    entry_record(
        complex=c,
        kind="meter",
        entry_date=date(2025, 3, 2),
        amount=120_000,
        memo="수도 계량기 재검정",
    )
    totals = ledger_totals(complex=c)
    assert (totals.accrued, totals.credited, totals.spent) == (billed, 300_000, 120_000)
    assert totals.balance == billed + 300_000 - 120_000

    # Art. 79③ certificate: the lessee's bill paid in full → its reserve paid in full.
    bill = Bill.objects.get(complex=c, unit=alpha.lessee_unit)
    payment_record(
        complex=c,
        unit=alpha.lessee_unit,
        paid_on=date(2025, 2, 20),
        amount=bill.total if hasattr(bill, "total") else bill.charges,
    )
    rows = paid_by_unit(
        complex=c, unit_id=alpha.lessee_unit.pk, start=date(2025, 1, 1), end=date(2025, 12, 1)
    )
    assert rows == [(date(2025, 1, 1), bill.repair_reserve, bill.repair_reserve)]
    assert timezone.localdate() >= date(2025, 2, 20)
