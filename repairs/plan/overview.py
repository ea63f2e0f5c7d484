"""What the plan pages show, built on the 별표 9 rate (reserve.py): the plan's overview with its
phases and per-m² prices, and a unit's monthly reserve this month."""

from datetime import date
from fractions import Fraction
from math import floor

from complexes.models import Unit
from complexes.unsold import unsold_units

from .plan_math import ComponentSpec, cost_by_year
from .reserve import display_price, phase_price_per_m2, reserve_basis
from .selectors import current_revision, review_due_on


def plan_overview(*, complex, today: date) -> dict | None:
    """What the plan page shows: totals, phases with their per-m² prices, this month's price
    and the monthly amount of each unit type, the review clock."""
    revision = current_revision(complex=complex)
    if revision is None:
        return None
    this_month = date(today.year, today.month, 1)
    basis = reserve_basis(complex=complex, period=this_month, revision=revision)
    phases = []
    for p in revision.phases.all():
        price = phase_price_per_m2(basis.total_cost, Fraction(p.rate), basis.total_area, p.months)
        phases.append(
            {
                "phase": p,
                "years": Fraction(p.months, 12),
                "price": display_price(price),
                "current": p.start_month <= this_month <= p.end_month,
            }
        )
    counts: dict = {}
    for area in Unit.objects.filter(complex=complex).values_list("supply_area", flat=True):
        counts[area] = counts.get(area, 0) + 1
    unit_types = [
        {"area": a, "count": n, "monthly": floor(basis.price * Fraction(a))}
        for a, n in sorted(counts.items())
    ]
    if basis.note and "적립 시작 전" in basis.note:
        for t in unit_types:
            t["monthly"] = 0
    specs = [ComponentSpec.of(c) for c in revision.components.all()]
    works = cost_by_year(specs, revision.start_month, revision.end_month)
    due = review_due_on(complex=complex)
    return {
        "revision": revision,
        "plan": revision.plan,
        "basis": basis,
        "total_cost": floor(basis.total_cost),
        "total_area": display_price(basis.total_area),
        "phases": phases,
        "unit_types": unit_types,
        "monthly_total": basis.complex_total,
        "component_count": len(specs),
        "works_this_year": floor(works.get(today.year, 0)),
        "works_next_year": floor(works.get(today.year + 1, 0)),
        "review_due": due,
        "review_days": (due - today).days if due else None,
    }


def unit_reserve(*, complex, unit, today: date) -> dict | None:
    """A unit's monthly reserve this month and how it is computed (별표 9)."""
    basis = reserve_basis(complex=complex, period=date(today.year, today.month, 1))
    if basis is None:
        return None
    return {
        "unit": unit,
        "amount": basis.amounts.get(unit.pk, 0),
        "basis": basis,
        "area": unit.supply_area,
        "developer": unsold_units(complex=complex, period=today).get(unit.pk),
    }
