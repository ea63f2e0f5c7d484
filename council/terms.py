"""Term arithmetic shared by council and elections (Art. 18) — one function, both apps.

Art. 18②: a by-election term under 6 months does not count toward the limit of one
re-election (Art. 18①, 중임 counted whether consecutive or not, Art. 3⑨). The 6 months are
calendar months measured from the rep's start to the term's end date (50-elections.md,
"Term limits"; issue [4/9]): a term from 2022-01-01 to 2022-07-01 is exactly 6 months and
counts; 2022-01-01 to 2022-06-30 is under 6 months and does not. Never a day count (183 days
would disagree with the calendar on most starts).
"""

import calendar
from datetime import date

SHORT_TERM_MONTHS = 6  # Art. 18②


def add_months(day: date, months: int) -> date:
    """`day` plus whole calendar months, clamped to the month's last day (Aug 31 + 6 → Feb 28)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def counts_as_term(*, by_election: bool, start: date, end: date) -> bool:
    """Art. 18②: does this term count toward the term limit of Art. 18①?

    Every regular term counts. A by-election term counts when it runs at least 6 calendar
    months from `start` (the rep's start) to `end` (the term's end date); exactly 6 counts."""
    if not by_election:
        return True
    return add_months(start, SHORT_TERM_MONTHS) <= end
