"""The fee anomaly rule before a month's fees are published (issue 8, 60-disclosure.md;
제64조③2 / 제78조③ monthly fee breakdown): an item's total moving by 10% or more against the
previous month, or by 7% or more against the same month a year earlier, must carry a reason,
which is shown with the figure."""

from decimal import ROUND_HALF_UP, Decimal

MONTH_ON_MONTH = Decimal(10)
YEAR_ON_YEAR = Decimal(7)


def change_pct(now: int, before: int | None) -> Decimal | None:
    if not before:
        return None
    return (Decimal(now - before) * 100 / Decimal(before)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def fee_flag(now: int, previous_month: int | None, previous_year: int | None) -> str:
    """'' when the move is ordinary, else what is unusual ("전월 대비 +12.0%")."""
    parts = []
    mm = change_pct(now, previous_month)
    if (
        mm is not None
        and abs(Decimal(now - previous_month) * 100) >= MONTH_ON_MONTH * previous_month
    ):
        parts.append(f"전월 대비 {mm:+}%")
    yy = change_pct(now, previous_year)
    if yy is not None and abs(Decimal(now - previous_year) * 100) >= YEAR_ON_YEAR * previous_year:
        parts.append(f"전년 동월 대비 {yy:+}%")
    return ", ".join(parts)
