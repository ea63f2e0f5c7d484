"""The payment due date of a billing period (Art. 85①, 00-overview.md "Money and time").

Day D (per complex, default 25) of the month after the period; when banks are closed that day
— weekends, Korean public holidays incl. substitute holidays, and bank holidays such as 근로자의
날 (May 1) — it moves to the banks' next working day (금융기관의 다음의 첫 근무일).
"""

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _closed_days(year: int):
    return holidays.country_holidays("KR", years=[year, year + 1], categories=("public", "bank"))


def is_bank_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(day.year)


def next_business_day(day: date) -> date:
    while not is_bank_business_day(day):
        day += timedelta(days=1)
    return day


def next_month(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def previous_month(period: date, months: int = 1) -> date:
    index = period.year * 12 + period.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def due_date(period: date, due_day: int = 25) -> date:
    """Art. 85①: 2026-09 → 2026-10-25 is a Sunday → due 2026-10-26."""
    month = next_month(period)
    last = calendar.monthrange(month.year, month.month)[1]
    return next_business_day(month.replace(day=min(due_day, last)))
