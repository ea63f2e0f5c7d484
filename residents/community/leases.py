"""Pure rules of the daycare lease (Art. 66⑥; spec rules 15–16) and insurance (Art. 72)."""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.utils.translation import gettext as _

from core.errors import ApplicationError

from .lease_models import InsuranceKind

MIN_YEARS, MAX_YEARS = 3, 5  # Art. 66⑥
RENT_CAP = Fraction(5, 100)  # Art. 66⑥: 5% of the monthly childcare-fee income at full capacity
UPKEEP_SHARE = Fraction(1, 2)  # Art. 66⑥: ≥ 50% of the rent spent on the daycare's upkeep
RENEWAL_NOTICE_DAYS = 30  # spec rule 29: warn 30 days before expiry


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_term(starts_on: date, ends_on: date) -> None:
    """Art. 66⑥: the term is 3 to 5 years (the last day is the day before the anniversary)."""
    from datetime import timedelta

    shortest = _add_years(starts_on, MIN_YEARS) - timedelta(days=1)
    longest = _add_years(starts_on, MAX_YEARS) - timedelta(days=1)
    if not shortest <= ends_on <= longest:
        raise ApplicationError(
            _(
                "어린이집 임대 기간은 3년 이상 5년 이하입니다 (제66조⑥): %(a)s~%(b)s 사이로 끝나야 합니다."
            )
            % {"a": shortest.isoformat(), "b": longest.isoformat()},
            {"field": "ends_on"},
        )


@dataclass(frozen=True)
class RentCheck:
    monthly_charge: Fraction  # rent + deposit × r ÷ 12
    cap: Fraction  # 5% of the full-capacity monthly fee income
    upkeep_min: int  # won a month the daycare's upkeep must get (≥ 50% of the rent, rounded up)

    @property
    def ok(self) -> bool:
        return self.monthly_charge <= self.cap


def full_capacity_income(classes) -> int:
    """Σ capacity × monthly fee per age class (integer won)."""
    return sum(int(c["capacity"]) * int(c["fee"]) for c in classes)


def rent_check(*, monthly_rent: int, deposit: int, rate_bp: int, classes) -> RentCheck:
    """Art. 66⑥ (spec rule 16, open reading 7): monthly rent + deposit × r ÷ 12 ≤ 5% of the
    monthly childcare-fee income at full capacity; compared unrounded (exact fractions)."""
    r = Fraction(rate_bp, 10_000)
    charge = Fraction(monthly_rent) + Fraction(deposit) * r / 12
    cap = RENT_CAP * full_capacity_income(classes)
    upkeep = -(-Fraction(monthly_rent) * UPKEEP_SHARE // 1)  # ceiling
    return RentCheck(charge, cap, int(upkeep))


def insurance_gaps(policies, *, on: date) -> list[str]:
    """Art. 72: the kinds 1 (fire) and 2 (facility accident) with no policy active on `on`."""
    active = {p.kind for p in policies if p.starts_on <= on <= p.ends_on}
    return [k for k in (InsuranceKind.FIRE, InsuranceKind.FACILITY) if k not in active]


def expiring(policies, *, on: date) -> list:
    """Policies ending within 30 days of `on` (spec rule 29's renewal warning)."""
    return [p for p in policies if 0 <= (p.ends_on - on).days <= RENEWAL_NOTICE_DAYS]
