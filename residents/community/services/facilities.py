"""Shared facilities and their bookings. Art. 67-3 sets who may use a 주민공동시설 (sharing
with neighbouring complexes needs the council's resolution and the residents' majority); the
booking rules are the council's regulation (Art. 103, spec rule 22): per facility, no bylaw
default. Fees are joint misc income (Art. 80③5), billed as `facility_use`."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError

from ..models import Booking, BookingStatus, Facility, FacilityAccess

FACILITY_FIELDS = {
    "name", "description", "access", "sharing_resolution", "opens_at", "closes_at",
    "slot_minutes", "capacity", "fee_per_slot", "max_slots_per_day", "max_active_bookings",
    "book_ahead_days", "cancel_before_hours", "active",
}  # fmt: skip


def _check_facility(values: dict) -> None:
    if (
        values.get("opens_at")
        and values.get("closes_at")
        and values["closes_at"] <= values["opens_at"]
    ):
        raise ApplicationError(
            _("운영 종료 시각이 시작 시각보다 늦어야 합니다."), {"field": "closes_at"}
        )
    if values.get("slot_minutes") is not None and values["slot_minutes"] < 10:
        raise ApplicationError(_("예약 단위는 10분 이상입니다."), {"field": "slot_minutes"})
    if values.get("capacity") is not None and values["capacity"] < 1:
        raise ApplicationError(_("동시 이용 예약 수는 1 이상입니다."), {"field": "capacity"})
    if (
        values.get("access") == FacilityAccess.SHARED
        and not (values.get("sharing_resolution") or "").strip()
    ):
        raise ApplicationError(
            _(
                "인근 단지와 공유하려면 입주자대표회의 의결과 전체 입주자등 과반수 동의 "
                "(제67조의3①) 또는 사업계획승인 조건(제67조의3②)의 근거를 적어 주세요."
            ),
            {"field": "sharing_resolution"},
        )


@transaction.atomic
def facility_save(*, complex, by, facility: Facility | None = None, **values) -> Facility:
    """Create or change a facility (office). Sharing with outsiders (Art. 67-3①②) needs its
    basis recorded."""
    unknown = set(values) - FACILITY_FIELDS
    if unknown:
        raise ApplicationError(_("알 수 없는 항목: %(f)s") % {"f": ", ".join(sorted(unknown))})
    merged = {f: getattr(facility, f) for f in FACILITY_FIELDS} if facility else {}
    merged.update(values)
    _check_facility(merged)
    if (
        Facility.objects.filter(complex=complex, name=merged.get("name"))
        .exclude(pk=getattr(facility, "pk", None))
        .exists()
    ):
        raise ApplicationError(_("같은 이름의 시설이 있습니다."), {"field": "name"})
    facility = facility or Facility(complex=complex)
    for k, v in values.items():
        setattr(facility, k, v)
    facility.save()
    return facility


def _local(dt: datetime) -> datetime:
    return timezone.localtime(dt)


def _check_slot(facility: Facility, starts_at: datetime, ends_at: datetime) -> int:
    """The booking lies on the facility's grid, inside its hours of one day. Returns the slots."""
    if ends_at <= starts_at:
        raise ApplicationError(_("끝 시각이 시작 시각보다 늦어야 합니다."), {"field": "ends_at"})
    s, e = _local(starts_at), _local(ends_at)
    if s.date() != e.date():
        raise ApplicationError(_("예약은 하루 안에서만 할 수 있습니다."), {"field": "ends_at"})
    if s.time() < facility.opens_at or e.time() > facility.closes_at:
        raise ApplicationError(
            _("운영 시간(%(o)s~%(c)s) 안에서만 예약할 수 있습니다.")
            % {"o": facility.opens_at.strftime("%H:%M"), "c": facility.closes_at.strftime("%H:%M")},
            {"field": "starts_at"},
        )
    step = facility.slot_minutes
    offset = (s.hour * 60 + s.minute) - (facility.opens_at.hour * 60 + facility.opens_at.minute)
    minutes = int((e - s).total_seconds() // 60)
    if offset % step or minutes % step or s.second or e.second:
        raise ApplicationError(
            _("예약은 %(m)s분 단위로 운영 시작 시각부터 나뉩니다.") % {"m": step},
            {"field": "starts_at"},
        )
    return minutes // step


@transaction.atomic
def booking_create(*, facility, unit, by, starts_at: datetime, ends_at: datetime) -> Booking:
    """Book a facility for a household (the council's booking regulation, Art. 103 / spec rule
    22). Checks: open facility; the slot grid and hours; not in the past and within the
    booking window; the household's daily slots and open bookings; free capacity. The facility
    row is locked (concurrent bookings of it queue here) and, for capacity 1, PostgreSQL's
    exclusion constraint `booking_no_overlap` refuses any overlap that got past the lock."""
    facility = Facility.objects.select_for_update().get(pk=facility.pk)
    if not facility.active:
        raise ApplicationError(_("지금은 운영하지 않는 시설입니다."))
    if unit.complex_id != facility.complex_id:
        raise ApplicationError(_("이 단지의 세대가 아닙니다."), {"field": "unit"})
    slots = _check_slot(facility, starts_at, ends_at)
    now = timezone.now()
    if starts_at < now:
        raise ApplicationError(_("지난 시간은 예약할 수 없습니다."), {"field": "starts_at"})
    if _local(starts_at).date() > timezone.localdate() + timedelta(days=facility.book_ahead_days):
        raise ApplicationError(
            _("%(d)s일 뒤까지만 예약할 수 있습니다.") % {"d": facility.book_ahead_days},
            {"field": "starts_at"},
        )
    active = Booking.objects.filter(facility=facility, status=BookingStatus.ACTIVE)
    day = _local(starts_at).date()
    from ..selectors import day_bounds

    d0, d1 = day_bounds(day)
    mine_today = active.filter(unit=unit, starts_at__gte=d0, starts_at__lt=d1)
    used = sum(
        int((b.ends_at - b.starts_at).total_seconds() // 60) // facility.slot_minutes
        for b in mine_today
    )
    if used + slots > facility.max_slots_per_day:
        raise ApplicationError(
            _("세대당 하루 %(n)s단위까지 예약할 수 있습니다 (이미 %(u)s단위).")
            % {"n": facility.max_slots_per_day, "u": used},
            {"field": "ends_at"},
        )
    if active.filter(unit=unit, ends_at__gt=now).count() >= facility.max_active_bookings:
        raise ApplicationError(
            _("이 시설의 진행 중 예약은 세대당 %(n)s건까지입니다.")
            % {"n": facility.max_active_bookings}
        )
    if active.filter(unit=unit, starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise ApplicationError(
            _("이 세대가 이미 같은 시간에 예약했습니다."), {"field": "starts_at"}
        )
    # capacity: every slot inside the range must have room
    overlapping = list(
        active.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).values_list(
            "starts_at", "ends_at"
        )
    )
    step = timedelta(minutes=facility.slot_minutes)
    t = starts_at
    while t < ends_at:
        if sum(1 for a, b in overlapping if a < t + step and b > t) >= facility.capacity:
            raise ApplicationError(
                _("%(t)s 시간대는 이미 예약이 찼습니다.") % {"t": _local(t).strftime("%H:%M")},
                {"field": "starts_at"},
            )
        t += step
    try:
        with transaction.atomic():
            return Booking.objects.create(
                complex=facility.complex,
                facility=facility,
                unit=unit,
                booked_by=by,
                starts_at=starts_at,
                ends_at=ends_at,
                exclusive=facility.capacity == 1,
                fee=slots * facility.fee_per_slot,
            )
    except IntegrityError:
        raise ApplicationError(
            _("방금 다른 세대가 이 시간을 예약했습니다."), {"field": "starts_at"}
        ) from None


@transaction.atomic
def booking_cancel(*, booking, by, by_office: bool = False) -> Booking:
    """Cancel a booking. A household may cancel until `cancel_before_hours` before the start
    (the facility's regulation); the office at any time before the end. A cancelled booking is
    not billed."""
    booking = Booking.objects.select_for_update().select_related("facility").get(pk=booking.pk)
    if booking.status == BookingStatus.CANCELLED:
        raise ApplicationError(_("이미 취소된 예약입니다."))
    now = timezone.now()
    if booking.ends_at <= now:
        raise ApplicationError(_("이미 끝난 예약은 취소할 수 없습니다."))
    deadline = booking.starts_at - timedelta(hours=booking.facility.cancel_before_hours)
    if not by_office and now > deadline:
        raise ApplicationError(
            _("시작 %(h)s시간 전까지만 취소할 수 있습니다. 관리사무소에 문의해 주세요.")
            % {"h": booking.facility.cancel_before_hours}
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    return booking
