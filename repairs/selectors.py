"""Reads of the repairs app."""

from datetime import date

from complexes.unsold import developer_bills_q, unsold_units

from .models import PlanRevision, RepairPlan


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


def developer_statement(*, complex, developer: str, start: date, end: date, on: date) -> dict:
    """What a developer owes and paid for its unsold units (seed 004, 시행령 31조⑦): every issued
    bill of a month in [start, end] in which the unit was unsold by `developer`, with its charges
    and reserve line, and what was paid by `on` — period charges first, then late fees, in the
    fees app's payment order (Art. 86⑤); the reserve paid pro rata when a bill is partly paid
    (fees precise rule 13, as on the certificate of reserve paid)."""
    from fees.models import Bill, RunStatus
    from fees.selectors import unit_account

    from .ledger import reserve_paid_share

    start, end = date(start.year, start.month, 1), date(end.year, end.month, 1)
    bills = list(
        Bill.objects.filter(
            complex=complex, status=RunStatus.ISSUED, period__gte=start, period__lte=end
        )
        .filter(developer_bills_q(complex=complex, developer=developer))
        .select_related("unit__building")
        .order_by("unit_id", "period")
    )
    debts = {}
    for unit in {b.unit_id: b.unit for b in bills}.values():
        for debt in unit_account(unit=unit, on=on).debts:
            debts[debt.bill_id] = debt
    rows = []
    for bill in bills:
        debt = debts.get(bill.pk)
        charges = max(bill.charges, 0)
        charges_paid = (debt.charges - debt.charges_unpaid) if debt else 0
        late_paid = debt.late_fee_paid if debt else 0
        rows.append(
            {
                "bill": bill,
                "unit": bill.unit,
                "period": bill.period,
                "charges": bill.charges,
                "reserve": bill.repair_reserve,
                "late_fee": bill.late_fee,
                "paid": charges_paid + late_paid,
                "reserve_paid": reserve_paid_share(bill.repair_reserve, charges_paid, charges)
                if charges > 0
                else bill.repair_reserve,
                "unpaid": (debt.unpaid if debt else bill.charges + bill.late_fee),
            }
        )
    from fees.billing import natural_key

    rows.sort(
        key=lambda r: (
            natural_key(r["unit"].building.name),
            natural_key(r["unit"].number),
            r["period"],
        )
    )
    keys = ("charges", "reserve", "late_fee", "paid", "reserve_paid", "unpaid")
    return {
        "developer": developer,
        "start": start,
        "end": end,
        "on": on,
        "rows": rows,
        "units": len({r["unit"].pk for r in rows}),
        "totals": {k: sum(r[k] for r in rows) for k in keys},
    }
