"""The demo's community life (issue 20): facilities with bookings, registered and visitor cars,
a pending consent awaiting neighbours, and two groups — in both demo complexes."""

import pytest

from complexes import demo as complexes_demo
from residents import demo as residents_demo
from residents.community import demo
from residents.community.groups_models import CommunityGroup, GroupStatus
from residents.community.models import (
    Booking,
    ConsentApplication,
    ConsentStatus,
    DaycareLease,
    Facility,
    InsurancePolicy,
    VisitorCar,
)
from residents.models import Vehicle

pytestmark = pytest.mark.django_db


def test_demo_community(django_db_blocker):
    base = complexes_demo.seed()
    residents_demo.seed(base)
    demo.seed(base)
    for key in ("hanbit", "saebom"):
        c = base[key]
        assert Facility.objects.filter(complex=c).count() == 4
        assert Booking.objects.filter(complex=c).count() >= 5
        assert Vehicle.objects.filter(complex=c).exists()
        assert VisitorCar.objects.filter(complex=c).count() == 3
        pending = ConsentApplication.objects.get(complex=c, status=ConsentStatus.COLLECTING)
        assert pending.neighbours.filter(answer=True).exists()
        assert pending.neighbours.filter(answer__isnull=True).exists()
        statuses = set(CommunityGroup.objects.filter(complex=c).values_list("status", flat=True))
        assert statuses == {GroupStatus.APPROVED, GroupStatus.FILED}
        assert InsurancePolicy.objects.filter(complex=c).count() == 2
        assert DaycareLease.objects.filter(complex=c).count() == 1
