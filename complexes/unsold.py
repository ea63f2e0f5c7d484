"""Unsold units (seed 004, 시행령 31조⑦: the developer pays for the units it has not sold).

THE unsold-month rule, written once: a unit is unsold in month P (P = the month's first day)
from the month of `since` on, up to the month of `sold_on` when the sale came after that
month's first day — i.e. `first_month(since) <= P` and (`sold_on` is empty or `sold_on > P`).
`in_month_q` states it for the database (P a date or an OuterRef to a bill's period) and
`UnsoldSpan.covers` for rows already loaded; tests/complexes/test_unsold.py holds the two
against each other. Everything below reads through one of the two; the writes (marking a
unit unsold, recording its sale) are `complexes.services.unsold_mark` / `unsold_sold`.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from .models import UnsoldUnit


def _first(day: date) -> date:
    return date(day.year, day.month, 1)


def in_month_q(rows: QuerySet, period) -> QuerySet:
    """`rows` (UnsoldUnit) narrowed to those unsold in the month `period` (a month's first day,
    or an expression such as OuterRef("period")) — the rule, for the database."""
    return (
        rows.annotate(first_month=TruncMonth("since"))
        .filter(first_month__lte=period)
        .filter(Q(sold_on__isnull=True) | Q(sold_on__gt=period))
    )


@dataclass(frozen=True)
class UnsoldSpan:
    unit_id: int
    developer: str
    since: date
    sold_on: date | None

    def covers(self, period: date) -> bool:
        """The rule, for a row already loaded (same months as `in_month_q`)."""
        period = _first(period)
        return _first(self.since) <= period and (self.sold_on is None or self.sold_on > period)


# --- reads ---------------------------------------------------------------------------------


def unsold_units(*, complex, period: date) -> dict[int, str]:
    """unit_id → developer for units unsold during `period`'s month: their reserve is billed to
    the developer, not a resident (seed 004, 시행령 31조⑦)."""
    rows = in_month_q(UnsoldUnit.objects.filter(complex=complex), _first(period))
    return {u.unit_id: u.developer for u in rows}


def developer_bills_q(*, complex, unit_ids=None, developer: str | None = None) -> Exists:
    """A filter on fees' Bill (`.filter(…)` / `.exclude(…)`) matching the bills of months in which
    their unit was unsold: those bills are addressed to the developer, not to a resident of the
    unit (seed 004, 시행령 31조⑦). A correlated subquery, so it adds no query of its own."""
    rows = in_month_q(
        UnsoldUnit.objects.filter(complex=complex, unit_id=OuterRef("unit_id")), OuterRef("period")
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    if developer is not None:
        rows = rows.filter(developer=developer)
    return Exists(rows)


def unsold_lookup(*, complex):
    """(unit_id, period) → developer or None, over all of the complex's unsold records in one
    query (seed 004, 시행령 31조⑦)."""
    spans: dict[int, list[UnsoldSpan]] = {}
    for row in UnsoldUnit.objects.filter(complex=complex):
        spans.setdefault(row.unit_id, []).append(
            UnsoldSpan(row.unit_id, row.developer, row.since, row.sold_on)
        )

    def developer_of(unit_id: int, period: date) -> str | None:
        return next((s.developer for s in spans.get(unit_id, ()) if s.covers(period)), None)

    return developer_of


def bill_developer(*, bill, cache: dict | None = None) -> str | None:
    """The developer a bill (fees.Bill, duck-typed: complex_id, unit_id, period) is addressed to
    when its unit was unsold during the bill's month, else None (seed 004, 시행령 31조⑦).
    `cache` (a dict kept for one rendering) makes a page of many bills of a month one query."""
    key = (bill.complex_id, bill.period)
    if cache is not None and key in cache:
        units = cache[key]
    else:
        units = unsold_units(complex=bill.complex_id, period=bill.period)
        if cache is not None:
            cache[key] = units
    return units.get(bill.unit_id)


def developers(*, complex) -> list[str]:
    """The developers (사업주체) with units recorded unsold in the complex."""
    return list(
        UnsoldUnit.objects.filter(complex=complex)
        .order_by("developer")
        .values_list("developer", flat=True)
        .distinct()
    )
