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
