"""Reads of join requests (issue 12 [1/9])."""

from ..models import Occupancy
from ..selectors import current_occupancies
from .models import JoinRequest, JoinRequestStatus


def pending_requests(*, complex):
    """The complex's join requests waiting for the office, oldest first, each with
    `entries`: the current register entries of its unit the office may choose from."""
    requests = list(
        JoinRequest.objects.filter(complex=complex, status=JoinRequestStatus.PENDING)
        .select_related("unit__building", "user")
        .order_by("created_at", "pk")
    )
    for r in requests:
        r.entries = list(
            current_occupancies(unit=r.unit)
            .filter(anonymised_at__isnull=True, membership__isnull=True)
            .order_by("kind", "pk")
        )
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
