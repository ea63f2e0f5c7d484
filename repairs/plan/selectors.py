"""Reads of the repair plan (below fees): the plan in force and its history, component rows,
the review clock. The pages' figures built on the 별표 9 rate are in overview.py."""

from datetime import date
from math import floor

from .models import PlanReview, PlanRevision, RepairPlan
from .plan_math import ComponentSpec


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


def component_rows(*, revision) -> list[dict]:
    """Each component with its occurrence years and costs over the plan period."""
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


def review_due_on(*, complex) -> date | None:
    """공동주택관리법 29조②: the plan is reviewed every 3 years — from the last recorded review,
    else from the plan's establishment."""
    plan = RepairPlan.objects.filter(complex=complex).first()
    if plan is None:
        return None
    last = PlanReview.objects.filter(complex=complex).order_by("-reviewed_on").first()
    base = last.reviewed_on if last else plan.established_on
    try:
        return base.replace(year=base.year + 3)
    except ValueError:  # 29 February
        return base.replace(year=base.year + 3, day=28)
