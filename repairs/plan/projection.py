"""Year-by-year funding projection and the what-if (30-repairs.md "Beyond the seed").

opening balance + accruals at the scheduled phases (별표 9 amounts, rounded per unit as billed)
− planned works (each component occurrence) = closing balance; the first year the closing
balance would be negative; percent funded = balance ÷ what the plan says should have been
accumulated by now (scheduled accruals to date − planned works to date).
"""

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property
from math import floor

from complexes.models import Unit

from .models import RepairSettings
from .plan_math import ComponentSpec, add_months, cost_by_year, month_index, total_repair_cost
from .reserve import PhaseSpec, accrual_start_month, display_price, phase_price_per_m2


@dataclass
class Schedule:
    """The plan's figures and a cache of the complex's monthly total per phase."""

    start_month: date
    end_month: date
    components: list
    phases: list
    areas: list  # Fraction supply areas of every unit
    accrual_start: date
    minimum: Fraction = Fraction(0)
    _per_phase: dict = field(default_factory=dict)

    @cached_property
    def total_cost(self) -> Fraction:
        return total_repair_cost(self.components, self.start_month, self.end_month)

    @cached_property
    def area_counts(self) -> dict:
        counts: dict = {}
        for a in self.areas:
            counts[a] = counts.get(a, 0) + 1
        return counts

    @cached_property
    def total_area(self) -> Fraction:
        return sum(self.areas, Fraction(0))

    def phase_of(self, period: date):
        return next((p for p in self.phases if p.contains(period)), None)

    def price(self, phase) -> Fraction:
        formula = (
            phase_price_per_m2(self.total_cost, phase.rate, self.total_area, phase.months)
            if phase
            else Fraction(0)
        )
        return max(formula, self.minimum)

    def billed_month(self, period: date) -> int:
        """What the bills of the whole complex carry for `period` (units rounded down)."""
        if month_index(period) < month_index(self.accrual_start):
            return 0
        phase = self.phase_of(period)
        key = phase.start_month if phase else None
        if key not in self._per_phase:
            price = self.price(phase)
            self._per_phase[key] = sum(floor(price * a) * n for a, n in self.area_counts.items())
        return self._per_phase[key]

    def planned_month(self, period: date) -> Fraction:
        """The plan's own schedule (exact): total cost × phase rate ÷ phase months."""
        phase = self.phase_of(period)
        if phase is None or month_index(period) < month_index(self.accrual_start):
            return Fraction(0)
        return self.total_cost * phase.rate / 100 / phase.months

    def months(self, first: date, last: date):
        i = month_index(first)
        while i <= month_index(last):
            yield date(i // 12, i % 12 + 1, 1)
            i += 1


def schedule_for(*, complex, revision, overrides=None) -> Schedule:
    overrides = overrides or {}
    settings = RepairSettings.objects.filter(complex=complex).first()
    components = overrides.get("components")
    if components is None:
        components = [ComponentSpec.of(c) for c in revision.components.all()]
    phases = overrides.get("phases")
    if phases is None:
        phases = [PhaseSpec.of(p) for p in revision.phases.all()]
    return Schedule(
        start_month=revision.start_month,
        end_month=revision.end_month,
        components=components,
        phases=phases,
        areas=[
            Fraction(a)
            for a in Unit.objects.filter(complex=complex).values_list("supply_area", flat=True)
        ],
        accrual_start=accrual_start_month(
            complex.approved_on, settings.temporary_approval_on if settings else None
        ),
        minimum=Fraction(settings.minimum_price_per_m2) if settings else Fraction(0),
    )


@dataclass
class ProjectionYear:
    year: int
    opening: int
    accruals: int
    works: int
    closing: int


@dataclass
class Projection:
    years: list
    first_negative_year: int | None
    balance: int
    should_have: int
    percent_funded: float | None
    unit_types: list  # [{"area", "count", "monthly"}] for the current month
    price_display: object


def project(*, schedule: Schedule, balance: int, today: date) -> Projection:
    """From the current year to the end of the plan, starting at `balance` (the ledger's
    balance today). Accruals from this month on; works of this year onward."""
    this_month = date(today.year, today.month, 1)
    works_by_year = cost_by_year(schedule.components, schedule.start_month, schedule.end_month)
    years, opening, first_negative = [], balance, None
    for year in range(max(today.year, schedule.start_month.year), schedule.end_month.year + 1):
        first = max(date(year, 1, 1), this_month, schedule.start_month)
        last = min(date(year, 12, 1), schedule.end_month)
        accr = sum(schedule.billed_month(m) for m in schedule.months(first, last))
        works = floor(works_by_year.get(year, Fraction(0)))
        closing = opening + accr - works
        years.append(ProjectionYear(year, opening, accr, works, closing))
        if closing < 0 and first_negative is None:
            first_negative = year
        opening = closing
    # What the plan says should be in the reserve now.
    last_month = add_months(this_month, -1)
    scheduled = sum(
        (schedule.planned_month(m) for m in schedule.months(schedule.start_month, last_month)),
        Fraction(0),
    )
    works_done = sum((c for y, c in works_by_year.items() if y < today.year), Fraction(0))
    should_have = floor(scheduled - works_done)
    percent = round(balance * 100 / should_have, 1) if should_have > 0 else None
    phase = schedule.phase_of(this_month)
    price = schedule.price(phase)
    counts: dict = {}
    for a in schedule.areas:
        counts[a] = counts.get(a, 0) + 1
    accruing = month_index(this_month) >= month_index(schedule.accrual_start)
    unit_types = [
        {
            "area": str(display_price(a)),
            "count": n,
            "monthly": floor(price * a) if accruing else 0,
        }
        for a, n in sorted(counts.items())
    ]
    return Projection(
        years, first_negative, balance, should_have, percent, unit_types, display_price(price)
    )
