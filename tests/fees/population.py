"""One object of each fees model in a tenant's complex, with "ALPHA"/"BETA" markers, for the
route-walking tenancy test."""

from datetime import date

from fees import services
from fees.models import (
    Adjustment,
    Budget,
    ContingencyUse,
    Cost,
    FeeDeposit,
    FeeReduction,
    FeeSettingsChange,
    MeterReading,
    MeterVerification,
    MiscIncome,
    MiscIncomeUse,
    MoveOutSettlement,
    Payment,
    PdfBatch,
    UsageReconciliation,
    ViolationFine,
    YearSettlement,
)


def populate(tenant):
    c = tenant.complex
    marker = c.slug.upper()
    period = date(2026, 9, 1)
    services.fee_settings(c)
    services.charge_items(c)
    FeeSettingsChange.objects.create(complex=c, what=f"{marker} 설정", before={}, after={"x": 1})
    Cost.objects.create(complex=c, period=period, item="general_admin", amount=100_000, memo=marker)
    MeterReading.objects.create(
        complex=c,
        period=period,
        unit=tenant.unit,
        utility="water",
        previous=0,
        current=5,
        usage=5,
        amount=1000,
        estimated=marker,
    )
    services.billing_run_draft(complex=c, period=period, issued_on=date(2026, 10, 5))
    services.billing_run_issue(complex=c, period=period, issued_on=date(2026, 10, 5))
    Payment.objects.create(
        complex=c,
        unit=tenant.unit,
        paid_on=date(2026, 10, 20),
        amount=1000,
        reference=f"{marker}-1",
    )
    Adjustment.objects.create(
        complex=c, unit=tenant.unit, period=date(2026, 10, 1), amount=100, reason=marker
    )
    MiscIncome.objects.create(complex=c, period=period, kind="recycling", amount=5000, memo=marker)
    FeeReduction.objects.create(complex=c, year=2026, amount=1200, memo=marker)
    ContingencyUse.objects.create(
        complex=c, period=period, item="cleaning", amount=1000, memo=marker
    )
    Budget.objects.create(complex=c, year=2026, item="general_admin", amount=1_200_000)
    FeeDeposit.objects.create(
        complex=c, unit=tenant.unit, kind="collected", amount=100_000, on=period, memo=marker
    )
    MoveOutSettlement.objects.create(
        complex=c,
        unit=tenant.lessee_unit,
        move_out_on=date(2026, 10, 10),
        period=date(2026, 10, 1),
        average_fee=1,
        days_in_month=31,
        days_lived=10,
        interim_fee=0,
        total=0,
        memo=marker,
    )
    PdfBatch.objects.create(complex=c, period=period, status="done", error=marker)
    ViolationFine.objects.create(
        complex=c,
        unit=tenant.unit,
        period=date(2026, 10, 1),
        amount=50_000,
        reason=marker,
        warned_on=date(2026, 9, 1),
        response_until=date(2026, 9, 15),
    )
    from django.utils import timezone

    from tests.repairs.helpers import resolution

    res = resolution(c, title=f"{marker} 잡수입 의결")
    MiscIncomeUse.objects.create(
        complex=c, period=period, use="donation", amount=10_000, memo=marker, resolution=res
    )
    YearSettlement.objects.create(
        complex=c,
        year=2025,
        figures={"year": 2025, "marker": marker},
        reduction=800,
        contingency=200,
        resolution=res,
        approved_at=timezone.now(),
    )
    UsageReconciliation.objects.create(
        complex=c,
        period=period,
        item="water",
        billed=1000,
        paid=900,
        surplus=100,
        action="refund",
        shares=[[tenant.unit.pk, 100]],
        memo=marker,
    )
    MeterVerification.objects.create(
        complex=c, unit=tenant.unit, utility="water", expires_on=date(2026, 12, 1), serial=marker
    )
