"""Reads of the council app. Other apps use `resolution_is_effective` and
`operating_costs_for_month`."""

from .models import Resolution, ResolutionStatus


def resolution_is_effective(*, resolution: Resolution | None) -> bool:
    """A resolution approves what depends on it (a budget, a usage plan, a contractor) only when
    the item passed and the resolution is not suspended by a reconsideration request (Art. 34①:
    효력을 정지한다) nor revoked by the re-deliberation (Art. 34③)."""
    if resolution is None:
        return False
    return resolution.passed and resolution.status == ResolutionStatus.EFFECTIVE


def _month_start(period):
    """`period` as a date (any day of the month) or "YYYY-MM" → the first day of that month."""
    from datetime import date

    if isinstance(period, str):
        year, month = period.split("-")[:2]
        return date(int(year), int(month), 1)
    return period.replace(day=1)


def operating_costs_for_month(*, complex, period) -> int:
    """Art. 37②③: the council's operating costs recorded in the ledger for the month `period`
    (date or "YYYY-MM"), in whole won; the fees app bills it as `council_operations`
    (별표 6 item 7)."""
    from django.db.models import Sum

    from .models import Expense

    total = Expense.objects.filter(complex=complex, period=_month_start(period)).aggregate(
        total=Sum("amount")
    )["total"]
    return int(total or 0)
