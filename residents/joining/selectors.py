"""Reads of join requests (issue 12 [1/9])."""

from django.db.models import Q

from ..models import Occupancy
from ..selectors import today
from .models import JoinRequest, JoinRequestStatus


def pending_requests(*, complex):
    """The complex's join requests waiting for the office, oldest first, each with
    `entries`: the current register entries of its unit the office may choose from."""
    requests = list(
        JoinRequest.objects.filter(complex=complex, status=JoinRequestStatus.PENDING)
        .select_related("unit__building", "user")
        .order_by("created_at", "pk")
    )
    return with_entries(requests)


def with_entries(requests):
    """Sets `entries` on each request: the current register entries of its unit without an
    account (what the office may approve it as); none once decided. One query."""
    day = today()
    units = {r.unit_id for r in requests if r.status == JoinRequestStatus.PENDING}
    by_unit = {}
    rows = (
        Occupancy.objects.filter(
            unit_id__in=units,
            moved_in_on__lte=day,
            anonymised_at__isnull=True,
            membership__isnull=True,
        )
        .filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=day))
        .order_by("kind", "pk")
    )
    for o in rows:
        by_unit.setdefault(o.unit_id, []).append(o)
    for r in requests:
        pending = r.status == JoinRequestStatus.PENDING
        r.entries = by_unit.get(r.unit_id, []) if pending else []
    return requests


def decided_requests(*, complex, limit: int = 20):
    return list(
        JoinRequest.objects.filter(complex=complex)
        .exclude(status=JoinRequestStatus.PENDING)
        .select_related("unit__building", "user", "decided_by")
        .order_by("-decided_at")[:limit]
    )


def requests_of_user(*, user):
    """A joiner's own requests, for /join/ (the unit and the outcome; nothing of the register)."""
    return list(
        JoinRequest.objects.filter(user=user)
        .select_related("unit__building", "complex")
        .order_by("-created_at")[:20]
    )


def entry_for_request(*, request: JoinRequest, occupancy_id) -> Occupancy | None:
    """One register entry of the request's unit (None when it is not one)."""
    return (
        Occupancy.objects.filter(
            complex_id=request.complex_id, unit_id=request.unit_id, pk=occupancy_id
        ).first()
        if str(occupancy_id).isdigit()
        else None
    )
