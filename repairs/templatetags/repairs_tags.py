"""The repairs card on the complex dashboard."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from complexes.unsold import bill_developer
from repairs import selectors
from repairs.fund.ledger import ledger_totals
from repairs.services import review_due_on
from repairs.views import can_see_plan

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


@register.simple_tag(takes_context=True)
def bill_payer(context, bill):
    """On a bill (fees page and PDF): "납부자: 사업주체 <name> (미분양)" when the bill's unit was
    unsold during its month (seed 004, 시행령 31조⑦), else nothing. Depends on the bill only, not
    the visitor (the fees bill body is cached per bill). One query per month for every bill of
    one rendering (kept in the render context)."""

    cache = context.render_context.setdefault("repairs_bill_developer", {})
    developer = bill_developer(bill=bill, cache=cache)
    if not developer:
        return ""
    return format_html(
        '<div class="payer" data-testid="bill-payer">납부자: 사업주체 {} (미분양)</div>', developer
    )
