"""Reads of the repairs app."""

from datetime import date

from django.db.models import Q

from .models import PlanRevision, RepairPlan, UnsoldUnit


def plan_for(*, complex) -> RepairPlan | None:
    return RepairPlan.objects.filter(complex=complex).first()


def current_revision(*, complex) -> PlanRevision | None:
    """The revision in force: the latest one of the complex's plan."""
    return (
        PlanRevision.objects.filter(complex=complex)
        .select_related("plan")
        .order_by("-number")
        .first()
    )


def previous_revision(revision: PlanRevision) -> PlanRevision | None:
    return (
        PlanRevision.objects.filter(
            complex_id=revision.complex_id, plan=revision.plan, number__lt=revision.number
        )
        .order_by("-number")
        .first()
    )


def unsold_units(*, complex, period: date) -> dict[int, str]:
    """unit_id → developer for units unsold during `period`'s month: their reserve is billed to
    the developer, not a resident (seed 004, 시행령 31조⑦)."""
    first = date(period.year, period.month, 1)
    rows = UnsoldUnit.objects.filter(complex=complex, since__lte=_month_end(first)).filter(
        Q(sold_on__isnull=True) | Q(sold_on__gt=first)
    )
    return {u.unit_id: u.developer for u in rows}


def _month_end(first: date) -> date:
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def plan_overview(*, complex, today: date) -> dict | None:
    """What the plan page shows: totals, phases with their per-m² prices, this month's price
    and the monthly amount of each unit type, the review clock."""
    from fractions import Fraction
    from math import floor

    from complexes.models import Unit

    from .plan_math import ComponentSpec, cost_by_year
    from .reserve import display_price, phase_price_per_m2, reserve_basis
    from .services import review_due_on

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


def component_rows(*, revision) -> list[dict]:
    """Each component with its occurrence years and costs over the plan period."""
    from math import floor

    from .plan_math import ComponentSpec

    rows = []
    for c in revision.components.all():
        spec = ComponentSpec.of(c)
        years = spec.occurrence_years(revision.start_month.year, revision.end_month.year)
        rows.append(
            {
                "component": c,
                "years": years,
                "occurrence_cost": floor(spec.occurrence_cost),
                "total": floor(spec.occurrence_cost * len(years)),
            }
        )
    return rows


def unit_reserve(*, complex, unit, today: date) -> dict | None:
    """A unit's monthly reserve this month and how it is computed (별표 9)."""
    from .reserve import reserve_basis

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
