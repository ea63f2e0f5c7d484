from django import template

from residents import selectors
from residents.models import ComplaintStatus, JoinRequest, JoinRequestStatus

register = template.Library()


@register.inclusion_tag("residents/_dashboard.html")
def residents_dashboard(ctx):
    """The dashboard card: latest notices for everyone; open complaints and pending register
    corrections for the office; the resident's own open complaints."""
    if not ctx.is_member:  # a district official: the board is the members' (views.notice_list)
        return {"ctx": ctx}
    data = {"ctx": ctx, "notices": list(selectors.notices_visible(ctx=ctx)[:3])}
    if ctx.is_office or ctx.resident_memberships:
        visible = selectors.complaints_visible(ctx=ctx)
        data["open_complaints"] = visible.exclude(status=ComplaintStatus.CLOSED).count()
    if ctx.is_office:
        data["pending_changes"] = selectors.pending_change_requests(complex=ctx.complex).count()
        data["pending_joins"] = JoinRequest.objects.filter(
            complex=ctx.complex, status=JoinRequestStatus.PENDING
        ).count()
    return data
