"""The monthly repair reserve of each unit (시행령 31조③, bylaw Art. 83, 별표 9).

    monthly reserve = total repair cost × phase rate
                      / (total supply area × 12 × phase length in years) × unit supply area

The first factor is the phase's monthly unit price per m². It is kept as an exact fraction
(166.666… won/m², not the 2-decimal display value 166.67); only each unit's monthly amount is
rounded down to the whole won. 별표 9 worked example: total 5,000,000,000 won, 50,000 m², phases
of 10 years at 20/30/30/20 % → 166.67 / 250 / 250 / 166.67 won per m² per month; in phase 2 a
50 m² unit pays 12,500 won, a 100 m² unit 25,000 won, the complex 12,500,000 won a month.

The fees billing run calls `monthly_reserve_by_unit` to fill each bill's `repair_reserve` line.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from complexes.models import Complex, Unit

from .models import RepairSettings
from .plan_math import ComponentSpec, month_index, months_between, total_repair_cost
from .selectors import current_revision


@dataclass(frozen=True)
class PhaseSpec:
    start_month: date
    end_month: date
    rate: Fraction  # percent of the total repair cost accumulated in this phase

    @classmethod
    def of(cls, p) -> "PhaseSpec":
        return cls(p.start_month, p.end_month, Fraction(p.rate))

    @property
    def months(self) -> int:
        return months_between(self.start_month, self.end_month)

    def contains(self, period: date) -> bool:
        return month_index(self.start_month) <= month_index(period) <= month_index(self.end_month)


def phase_price_per_m2(total_cost: Fraction, rate: Fraction, total_area: Fraction, months: int):
    """별표 9: total × rate / (total area × 12 × years), years = months / 12 → exact won/m²/month."""
    if total_area <= 0 or months <= 0:
        return Fraction(0)
    return total_cost * rate / 100 / (total_area * months)


def unit_amount(price_per_m2: Fraction, supply_area) -> int:
    """A unit's monthly amount: exact price × its supply area, rounded down to the won."""
    return floor(price_per_m2 * Fraction(supply_area))


def display_price(price: Fraction) -> Decimal:
    """The price shown to people: 2 decimals (166.67), never used in arithmetic."""
    return (Decimal(price.numerator) / Decimal(price.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def accrual_start_month(approved_on: date, temporary_approval_on: date | None = None) -> date:
    """seed 004 / 시행령 31조⑥: accrual starts in the month containing the day one year after the
    use approval (or the temporary use approval of all units, where that came first).
    Approved 2000-01-01 → from 2001-01; approved 2019-03-15 → from 2020-03."""
    basis = approved_on
    if temporary_approval_on and temporary_approval_on < basis:
        basis = temporary_approval_on
    return date(basis.year + 1, basis.month, 1)


@dataclass
class ReserveBasis:
    """Everything the monthly amount of a period is computed from, for display and tests."""

    period: date
    total_cost: Fraction = Fraction(0)
    total_area: Fraction = Fraction(0)
    phase: PhaseSpec | None = None
    formula_price: Fraction | None = None  # exact won/m²/month from 별표 9, None if no phase
    minimum_price: Fraction = Fraction(0)  # Art. 83③
    price: Fraction = Fraction(0)  # what is charged per m²
    accrual_start: date | None = None
    note: str = ""
    amounts: dict = field(default_factory=dict)

    @property
    def price_display(self) -> Decimal:
        return display_price(self.price)

    @property
    def complex_total(self) -> int:
        return sum(self.amounts.values())


def reserve_basis(*, complex: Complex, period: date, revision=None, overrides=None):
    """The reserve basis of `period` for `complex`, or None when it has no plan and no Art. 83③
    minimum (30-repairs.md precise rule 6: without a plan or phases the configured minimum is
    charged, otherwise the line is 0 with a note — never a guessed default).

    `overrides` (a what-if): {"components": [ComponentSpec…], "phases": [PhaseSpec…]} replaces
    the revision's own figures without touching the database.
    """
    period = date(period.year, period.month, 1)
    revision = revision or current_revision(complex=complex)
    settings = RepairSettings.objects.filter(complex=complex).first()
    minimum = Fraction(settings.minimum_price_per_m2) if settings else Fraction(0)
    temporary = settings.temporary_approval_on if settings else None
    if revision is None and minimum <= 0:
        return None  # no plan and no Art. 83③ minimum: nothing to bill
    overrides = overrides or {}
    components = overrides.get("components")
    if components is None:
        components = [ComponentSpec.of(c) for c in revision.components.all()] if revision else []
    phases = overrides.get("phases")
    if phases is None:
        phases = [PhaseSpec.of(p) for p in revision.phases.all()] if revision else []
    units = list(Unit.objects.filter(complex=complex).values_list("pk", "supply_area"))
    basis = ReserveBasis(
        period=period,
        total_cost=total_repair_cost(components, revision.start_month, revision.end_month)
        if revision
        else Fraction(0),
        total_area=sum((Fraction(a) for _, a in units), Fraction(0)),
        minimum_price=minimum,
        accrual_start=accrual_start_month(complex.approved_on, temporary),
    )
    if month_index(period) < month_index(basis.accrual_start):
        basis.note = f"적립 시작 전입니다 ({basis.accrual_start:%Y년 %m월}부터 적립)."
        basis.amounts = {pk: 0 for pk, _ in units}
        return basis
    basis.phase = next((p for p in phases if p.contains(period)), None)
    if basis.phase is not None:
        basis.formula_price = phase_price_per_m2(
            basis.total_cost, basis.phase.rate, basis.total_area, basis.phase.months
        )
        basis.price = basis.formula_price
    if basis.price < minimum:
        basis.price = minimum  # Art. 83③
        basis.note = (
            "장기수선계획이 없어 최소 적립단가를 적용합니다 (제83조③)."
            if revision is None
            else "계산된 단가가 최소 적립단가보다 낮아 최소 적립단가를 적용합니다 (제83조③)."
        )
    elif basis.phase is None:
        basis.note = "이 달에 해당하는 적립 단계가 없어 장기수선충당금을 부과하지 않습니다."
    per_area = {area: unit_amount(basis.price, area) for area in {a for _, a in units}}
    basis.amounts = {pk: per_area[area] for pk, area in units}
    return basis


def monthly_reserve_by_unit(*, complex: Complex, period: date) -> dict[int, int] | None:
    """unit_id → this month's repair reserve in whole won (별표 9, rounded down), or None when
    the complex has no repair plan (and no Art. 83③ minimum configured: then the minimum is
    charged, precise rule 6). 0 for every unit before accrual starts (seed 004); with a plan
    but no phase for the month, the Art. 83③ minimum if configured, else 0.
    `period` is the first day of the billing month. Unsold units are included: their amount
    is billed to the developer (see `complexes.unsold.unsold_units`)."""
    basis = reserve_basis(complex=complex, period=period)
    return None if basis is None else basis.amounts
