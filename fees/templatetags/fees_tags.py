"""Template tags of the fees pages and PDFs."""

from django import template
from django.utils.html import format_html

from complexes.unsold import bill_developer

register = template.Library()


@register.simple_tag(takes_context=True)
def bill_payer(context, bill):
    """On a bill (fees page and PDF): "납부자: 사업주체 <name> (미분양)" when the bill's unit was
    unsold during its month (seed 004, 시행령 31조⑦; the month rule: complexes/unsold.py), else
    nothing. Depends on the bill only, not the visitor (the fees bill body is cached per bill).
    One query per month for every bill of one rendering (kept in the render context)."""
    cache = context.render_context.setdefault("fees_bill_developer", {})
    developer = bill_developer(bill=bill, cache=cache)
    if not developer:
        return ""
    return format_html(
        '<div class="payer" data-testid="bill-payer">납부자: 사업주체 {} (미분양)</div>', developer
    )
