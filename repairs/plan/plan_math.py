"""Pure arithmetic of the long-term repair plan (no database): occurrences and total cost.

Everything is exact (Fraction); nothing is rounded here (30-repairs.md, precise rule 3).
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def months_between(start: date, end: date) -> int:
    """Months from `start`'s month to `end`'s month, both included."""
    return month_index(end) - month_index(start) + 1


def add_months(d: date, n: int) -> date:
    i = month_index(d) + n
    return date(i // 12, i % 12 + 1, 1)


@dataclass(frozen=True)
class ComponentSpec:
    """The figures of one component (a model row or a what-if copy)."""

    key: str
    name: str
    cycle_years: int
    first_year: int
    repair_rate: Fraction  # percent
    quantity: Fraction
    unit_cost: Fraction
    category: str = ""

    @classmethod
    def of(cls, c) -> "ComponentSpec":
        return cls(
            key=f"{c.category}:{c.name}",
            name=c.name,
            category=c.category,
            cycle_years=int(c.cycle_years),
            first_year=int(c.first_year),
            repair_rate=Fraction(c.repair_rate),
            quantity=Fraction(c.quantity),
            unit_cost=Fraction(c.unit_cost),
        )

    @property
    def occurrence_cost(self) -> Fraction:
        """quantity × unit cost × repair rate / 100, exact."""
        return self.quantity * self.unit_cost * self.repair_rate / 100

    def occurrence_years(self, first_plan_year: int, last_plan_year: int) -> list[int]:
        """first_year, first_year + cycle, … while inside the plan's years."""
        if self.cycle_years <= 0:
            raise ValueError("cycle must be positive")
        years, y = [], self.first_year
        while y <= last_plan_year:
            if y >= first_plan_year:
                years.append(y)
            y += self.cycle_years
        return years


def total_repair_cost(components, start_month: date, end_month: date) -> Fraction:
    """장기수선계획기간 중의 수선비 총액: the exact sum of every occurrence in the period."""
    total = Fraction(0)
    for c in components:
        total += c.occurrence_cost * len(c.occurrence_years(start_month.year, end_month.year))
    return total


def cost_by_year(components, start_month: date, end_month: date) -> dict[int, Fraction]:
    """Planned works per calendar year of the plan period (exact)."""
    out = {y: Fraction(0) for y in range(start_month.year, end_month.year + 1)}
    for c in components:
        for y in c.occurrence_years(start_month.year, end_month.year):
            out[y] += c.occurrence_cost
    return out
