"""{% council_card ctx %}: the dashboard's council card (next meeting, items waiting)."""

from django import template
from django.utils import timezone

from complexes.models import Role
from core.tenancy import scoped

register = template.Library()


@register.inclusion_tag("council/_dashboard_card.html")
def council_card(ctx):
    from council.models import AgendaItem, ItemStatus, Meeting, MeetingStatus, Resolution

    if not any(ctx.has(r) for r in (Role.RESIDENT, Role.COUNCIL, Role.STAFF, Role.MANAGER)):
        return {"show": False}
    upcoming = (
        scoped(ctx, Meeting)
        .filter(
            status__in=[MeetingStatus.NOTICED, MeetingStatus.HELD],
            starts_at__gte=timezone.now() - timezone.timedelta(hours=12),
        )
        .order_by("starts_at")
        .first()
    )
    return {
        "show": True,
        "ctx": ctx,
        "upcoming": upcoming,
        "waiting": scoped(ctx, AgendaItem).filter(status=ItemStatus.PROPOSED).count()
        if ctx.is_office
        else None,
        "suspended": scoped(ctx, Resolution).filter(status="suspended").count(),
    }
