"""The repairs card on the complex dashboard. (A bill's payer line is fees' own tag: fees_tags.)"""

from django import template
from django.utils import timezone

from repairs import selectors
from repairs.fund.ledger import ledger_totals
from repairs.services import review_due_on
from repairs.views.access import can_see_plan

register = template.Library()


@register.inclusion_tag("repairs/_card.html")
def repairs_card(ctx):
    today = timezone.localdate()
    mine = [
        info
        for m in ctx.resident_memberships
        if (info := selectors.unit_reserve(complex=ctx.complex, unit=m.unit, today=today))
    ]
    out = {"ctx": ctx, "mine": mine, "has_plan": False}
    if can_see_plan(ctx) and selectors.plan_for(complex=ctx.complex):
        out.update(
            has_plan=True,
            balance=ledger_totals(complex=ctx.complex).balance,
            review_due=review_due_on(complex=ctx.complex),
        )
    return out
