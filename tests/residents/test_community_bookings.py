"""Shared facilities and bookings (Art. 67-3; booking rules are the council's regulation,
Art. 103 / spec rule 22): grid, hours, quotas, capacity, cancellation, and no double booking
under concurrency (a PostgreSQL exclusion constraint and the facility lock)."""

import threading
from datetime import time, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import ApplicationError
from residents.community import selectors
from residents.community.models import Booking, BookingStatus, FacilityAccess
from residents.community.services import facilities as svc
from tests.factories import ComplexFactory, UnitFactory
from tests.residents.community_helpers import at


def make_facility(complex_, by, **kw):
    values = dict(
        name="독서실", opens_at=time(6), closes_at=time(23), slot_minutes=60, capacity=1,
        fee_per_slot=1000, max_slots_per_day=2, max_active_bookings=3, book_ahead_days=14,
        cancel_before_hours=2,
    )  # fmt: skip
    values.update(kw)
    return svc.facility_save(complex=complex_, by=by, **values)


@pytest.fixture
def room(alpha):
    return make_facility(alpha.complex, alpha.manager)


def test_booking_and_fee(alpha, room):
    b = svc.booking_create(
        facility=room, unit=alpha.unit, by=alpha.owner, starts_at=at(1, 9), ends_at=at(1, 11)
    )
    assert b.fee == 2000 and b.exclusive


def test_double_booking_refused(alpha, room):
    svc.booking_create(
        facility=room, unit=alpha.unit, by=alpha.owner, starts_at=at(1, 9), ends_at=at(1, 10)
    )
    with pytest.raises(ApplicationError, match="예약이 찼습니다"):
        svc.booking_create(
            facility=room,
            unit=alpha.lessee_unit,
            by=alpha.lessee,
            starts_at=at(1, 9),
            ends_at=at(1, 10),
        )


def test_exclusion_constraint_refuses_overlap_even_without_the_service(alpha, room):
    """The database itself refuses a second overlapping active booking of a capacity-1
    facility (migration 0006_booking_no_overlap); a cancelled one does not block."""
    common = dict(complex=alpha.complex, facility=room, exclusive=True)
    Booking.objects.create(unit=alpha.unit, starts_at=at(1, 9), ends_at=at(1, 11), **common)
    Booking.objects.create(
        unit=alpha.unit,
        starts_at=at(1, 9),
        ends_at=at(1, 11),
        status=BookingStatus.CANCELLED,
        **common,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            unit=alpha.lessee_unit, starts_at=at(1, 10), ends_at=at(1, 12), **common
        )
    # touching ranges [9,11) and [11,12) do not overlap
    Booking.objects.create(unit=alpha.lessee_unit, starts_at=at(1, 11), ends_at=at(1, 12), **common)


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_make_one():
    """Eight households book the same hour at once: exactly one booking survives."""
    complex_ = ComplexFactory(slug="conc")
    from tests.factories import UserFactory, member

    manager = member(complex_, "manager", UserFactory())
    room = make_facility(complex_, manager, max_slots_per_day=8)
    units = [UnitFactory(complex=complex_, building__complex=complex_) for _ in range(8)]
    start, end = at(1, 9), at(1, 10)
    results, barrier = [], threading.Barrier(len(units))

    def go(unit):
        try:
            barrier.wait()
            svc.booking_create(facility=room, unit=unit, by=None, starts_at=start, ends_at=end)
            results.append("ok")
        except ApplicationError as e:
            results.append(e.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(u,)) for u in units]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1
    assert Booking.objects.filter(facility=room, status=BookingStatus.ACTIVE).count() == 1


def test_capacity_above_one(alpha, room):
    gym = make_facility(alpha.complex, alpha.manager, name="헬스장", capacity=2)
    svc.booking_create(
        facility=gym, unit=alpha.unit, by=None, starts_at=at(1, 9), ends_at=at(1, 10)
    )
    svc.booking_create(
        facility=gym, unit=alpha.lessee_unit, by=None, starts_at=at(1, 9), ends_at=at(1, 10)
    )
    third = UnitFactory(building=alpha.building)
    with pytest.raises(ApplicationError, match="찼습니다"):
        svc.booking_create(facility=gym, unit=third, by=None, starts_at=at(1, 9), ends_at=at(1, 10))
    slot = next(
        s
        for s in selectors.slots_for(facility=gym, day=at(1, 9).date())
        if s["starts_at"] == at(1, 9)
    )
    assert slot["taken"] == 2 and slot["free"] == 0


@pytest.mark.parametrize(
    "start,end,message",
    [
        (at(1, 9, 30), at(1, 10, 30), "60분 단위"),
        (at(1, 5), at(1, 6), "운영 시간"),
        (at(1, 22), at(1, 23, 59), "운영 시간"),
        (at(-1, 9), at(-1, 10), "지난 시간"),
        (at(20, 9), at(20, 10), "14일 뒤까지"),
        (at(1, 10), at(1, 9), "끝 시각"),
        (at(1, 6), at(1, 9), "하루 3단위|하루 2단위"),
    ],
)
def test_booking_rules_refuse(alpha, room, start, end, message):
    with pytest.raises(ApplicationError, match=message):
        svc.booking_create(facility=room, unit=alpha.unit, by=None, starts_at=start, ends_at=end)


def test_daily_and_open_booking_quotas(alpha, room):
    svc.booking_create(
        facility=room, unit=alpha.unit, by=None, starts_at=at(1, 9), ends_at=at(1, 10)
    )
    svc.booking_create(
        facility=room, unit=alpha.unit, by=None, starts_at=at(1, 12), ends_at=at(1, 13)
    )
    with pytest.raises(ApplicationError, match="하루 2단위"):
        svc.booking_create(
            facility=room, unit=alpha.unit, by=None, starts_at=at(1, 15), ends_at=at(1, 16)
        )
    svc.booking_create(
        facility=room, unit=alpha.unit, by=None, starts_at=at(2, 9), ends_at=at(2, 10)
    )
    with pytest.raises(ApplicationError, match="3건까지"):
        svc.booking_create(
            facility=room, unit=alpha.unit, by=None, starts_at=at(3, 9), ends_at=at(3, 10)
        )


def test_inactive_facility_and_other_complex_unit(alpha, beta, room):
    with pytest.raises(ApplicationError, match="이 단지의 세대"):
        svc.booking_create(
            facility=room, unit=beta.unit, by=None, starts_at=at(1, 9), ends_at=at(1, 10)
        )
    svc.facility_save(complex=alpha.complex, by=alpha.manager, facility=room, active=False)
    with pytest.raises(ApplicationError, match="운영하지 않는"):
        svc.booking_create(
            facility=room, unit=alpha.unit, by=None, starts_at=at(1, 9), ends_at=at(1, 10)
        )


def test_cancel_deadline_for_households_not_for_the_office(alpha, room):
    soon = timezone_now_plus_hour()
    b = Booking.objects.create(
        complex=alpha.complex,
        facility=room,
        unit=alpha.unit,
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )
    with pytest.raises(ApplicationError, match="2시간 전까지만"):
        svc.booking_cancel(booking=b, by=alpha.owner)
    svc.booking_cancel(booking=b, by=alpha.manager, by_office=True)
    with pytest.raises(ApplicationError, match="이미 취소"):
        svc.booking_cancel(booking=b, by=alpha.manager, by_office=True)


def timezone_now_plus_hour():
    from django.utils import timezone

    return timezone.now().replace(microsecond=0) + timedelta(hours=1)


def test_facility_sharing_needs_its_basis(alpha):
    """Art. 67-3①②: opening to neighbouring complexes needs the council's resolution and the
    residents' majority (or the approval condition) recorded."""
    with pytest.raises(ApplicationError, match="제67조의3"):
        make_facility(alpha.complex, alpha.manager, name="게스트룸", access=FacilityAccess.SHARED)
    make_facility(
        alpha.complex, alpha.manager, name="게스트룸", access=FacilityAccess.SHARED,
        sharing_resolution="2026-03 정기회의 제2호 의결, 입주자등 과반수 동의(312/580)",
    )  # fmt: skip
    with pytest.raises(ApplicationError, match="같은 이름"):
        make_facility(alpha.complex, alpha.manager, name="게스트룸")
    with pytest.raises(ApplicationError, match="운영 종료"):
        make_facility(
            alpha.complex, alpha.manager, name="회의실", opens_at=time(10), closes_at=time(9)
        )


def test_facility_charges_for_fees(alpha, room):
    """What fees bills as `facility_use`: kept bookings of the month, per unit, integer won."""
    a = svc.booking_create(
        facility=room, unit=alpha.unit, by=None, starts_at=at(1, 9), ends_at=at(1, 11)
    )
    c = svc.booking_create(
        facility=room, unit=alpha.lessee_unit, by=None, starts_at=at(2, 9), ends_at=at(2, 10)
    )
    svc.booking_cancel(booking=c, by=alpha.manager, by_office=True)
    day = a.starts_at.astimezone().date()
    charges = selectors.facility_charges(complex=alpha.complex, year=day.year, month=day.month)
    assert (alpha.unit.pk, 2000) in charges
    assert all(unit != alpha.lessee_unit.pk for unit, _ in charges)
