"""Late fees (연체료): Art. 87 and 별표 8, with 20-fees.md "Precise rules" 8 and 12.

A late fee accrues per day (일할 계산) on the unpaid *period charges* of a bill (the repair reserve
included, earlier late fees never): fee = principal × Σ over the overdue days of rate(day) / 365.
Overdue days run from the day after the due date (as moved to a business day) through the
payment date or the date the fee is billed, both included: paid on the due date → 0 days, the
next day → 1 day. Every year counts 365 days.

별표 8: 12%/yr while overdue up to 12 months, 15%/yr beyond a year. Two readings of "beyond a
year" exist (rule 12), a setting of the complex's bylaw:
- "tiered" (default): days 1–365 at 12%, day 366 onwards at 15%;
- "whole": once past 365 days, 15% on the whole period.

Amounts are kept exact as integer numerators over `DENOMINATOR` (basis points × 365 days);
rounding happens once, cumulatively per unit (rule 8): the fees billed to a unit so far always
equal ⌊total accrued so far⌋. The seed's example: 300,000 won, 160 days → 15,780 won.
"""

from dataclasses import dataclass
from datetime import date

DAYS_IN_YEAR = 365
BP = 10_000  # rates are given in basis points: 12% = 1200
DENOMINATOR = DAYS_IN_YEAR * BP


@dataclass(frozen=True)
class LateFeeTable:
    """별표 8 as the complex's bylaw has it (defaults: 12% / 15% after 365 days, tiered)."""

    rate_first_year_bp: int = 1200
    rate_after_year_bp: int = 1500
    tier_rule: str = "tiered"  # or "whole"

    @property
    def key(self) -> str:
        """Names the table, e.g. "1200/1500/tiered": a balance carried forward (ledger.Balance)
        holds late fees accrued under one table and is only used under the same one."""
        return f"{self.rate_first_year_bp}/{self.rate_after_year_bp}/{self.tier_rule}"

    def rate_days(self, days: int) -> int:
        """Σ of the daily rates (bp) over overdue days 1..days."""
        if days <= 0:
            return 0
        if days <= DAYS_IN_YEAR:
            return days * self.rate_first_year_bp
        if self.tier_rule == "whole":
            return days * self.rate_after_year_bp
        return (
            DAYS_IN_YEAR * self.rate_first_year_bp + (days - DAYS_IN_YEAR) * self.rate_after_year_bp
        )


DEFAULT_TABLE = LateFeeTable()


def overdue_days(due: date, until: date) -> int:
    """Days from the day after `due` through `until`, both included (0 if not after `due`)."""
    return max(0, (until - due).days)


def accrued_numerator(principal: int, due: date, until: date, table=DEFAULT_TABLE) -> int:
    """The exact fee accrued on `principal` from `due` to `until`, times DENOMINATOR."""
    return principal * table.rate_days(overdue_days(due, until))


def late_fee(principal: int, due: date, until: date, table=DEFAULT_TABLE) -> int:
    """별표 8 for one amount in one step, rounded down to the won."""
    return accrued_numerator(principal, due, until, table) // DENOMINATOR
