"""Rules moved out of the council's views into council/selectors.py (issue [2/9] item 6)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from council import selectors, services
from council.models import ConveneRequest, Office
from tests.council.helpers import make_council

pytestmark = pytest.mark.django_db


def test_the_chair_holds_the_chairs_powers_and_a_plain_rep_does_not(alpha):
    """Art. 19, 26①: the chair presides and convenes; without an able chair, a director acts."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    today = timezone.localdate()
    services.officer_appoint(
        representative=reps[0], office=Office.CHAIR, starts_on=reps[0].term_start
    )
    assert selectors.is_acting_chair(complex=alpha.complex, user=reps[0].user, day=today)
    assert not selectors.is_acting_chair(complex=alpha.complex, user=reps[1].user, day=today)
    assert not selectors.is_acting_chair(complex=alpha.complex, user=alpha.owner, day=today)


def test_a_convene_request_is_due_14_days_after_receipt(alpha):
    """Art. 26①③: the chair convenes within 14 days of the request."""
    services.convene_request_create(
        complex=alpha.complex,
        requester=ConveneRequest.Requester.AUDITOR,
        reason="관리비 집행 내역 점검",
        received_on=date(2026, 11, 2),
    )
    (request,) = selectors.open_convene_requests(complex=alpha.complex)
    assert request.deadline == date(2026, 11, 2) + timedelta(days=14)
    assert selectors.open_convene_requests(complex=alpha.complex) != []
