"""Reads of community life. Pages and the API read through these (scoped by complex)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from complexes.models import Membership, Role, Unit
from core.masking import mask_name

from ..models import Occupancy
from . import rules
from .groups_models import CommunityGroup, GroupMember, MemberKind
from .models import (
    Booking,
    BookingStatus,
    BuildingLayout,
    CommunitySettings,
    ConsentApplication,
    CorridorType,
    Facility,
    NeighbourConsent,
    UnitPlacement,
    VisitorCar,
)


def today() -> date:
    return timezone.localdate()


def settings_for(*, complex) -> CommunitySettings:
    obj, _ = CommunitySettings.objects.get_or_create(complex=complex)
    return obj


# --- households -------------------------------------------------------------------------------


def occupied_unit_ids(*, complex, building_id=None, on: date | None = None) -> set[int]:
    """Units somebody lives in on `on`: a current register entry or a resident account.
    Vacant units are left out of neighbour consent (open reading 3)."""
    on = on or today()
    occ = Occupancy.objects.filter(complex=complex, moved_in_on__lte=on).filter(
        Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=on)
    )
    mem = Membership.objects.filter(complex=complex, role=Role.RESIDENT)
    if building_id is not None:
        occ = occ.filter(unit__building_id=building_id)
        mem = mem.filter(unit__building_id=building_id)
    return set(occ.values_list("unit_id", flat=True)) | set(mem.values_list("unit_id", flat=True))


def layout_of(building) -> tuple[str, int]:
    layout = BuildingLayout.objects.filter(building=building).first()
    if layout is None:
        return CorridorType.STAIR, 2
    return layout.corridor_type, layout.units_per_stairway


def spots_of_building(*, building) -> dict[int, rules.Spot]:
    """Every unit's place in the building (line from the number or the office's placement)."""
    _, per_stair = layout_of(building)
    placements = {p.unit_id: p for p in UnitPlacement.objects.filter(unit__building=building)}
    spots = {}
    for u in Unit.objects.filter(building=building).only("pk", "number", "floor", "building_id"):
        p = placements.get(u.pk)
        line = rules.line_of(u.number, p.line if p else None)
        entrance = rules.entrance_of(line, per_stair, p.entrance if p else None)
        spots[u.pk] = rules.Spot(u.pk, u.building_id, u.floor, line, entrance)
    return spots


def neighbour_rows_for(*, unit) -> list[rules.NeighbourRow]:
    """The neighbour set of `unit` (Art. 65 table D 3가·6) among occupied units."""
    corridor_type, _ = layout_of(unit.building)
    spots = spots_of_building(building=unit.building)
    occupied = occupied_unit_ids(complex=unit.complex, building_id=unit.building_id)
    others = [s for pk, s in spots.items() if pk in occupied and pk != unit.pk]
    return rules.neighbour_set(spots[unit.pk], others, corridor_type)


# --- consents ----------------------------------------------------------------------------------


def consent_tally(*, application) -> rules.Tally:
    return rules.tally(application.neighbours.values_list("in_group", "adjacent", "answer"))


def consents_visible(*, ctx):
    """The office sees every application; a resident their own units' and those their unit is
    asked to answer (to answer, and to see the outcome)."""
    qs = ConsentApplication.objects.filter(complex=ctx.complex).select_related("unit__building")
    if ctx.is_office:
        return qs
    units = ctx.unit_ids
    asked = NeighbourConsent.objects.filter(complex=ctx.complex, unit_id__in=units).values(
        "application_id"
    )
    return qs.filter(Q(unit_id__in=units) | Q(pk__in=asked))


def my_neighbour_rows(*, ctx, application):
    return list(application.neighbours.filter(unit_id__in=ctx.unit_ids).select_related("unit"))


# --- facilities and bookings ---------------------------------------------------------------------


def facilities(*, complex, active_only=True):
    qs = Facility.objects.filter(complex=complex)
    return qs.filter(active=True) if active_only else qs


def day_bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, start + timedelta(days=1)


def slots_for(*, facility, day: date) -> list[dict]:
    """The facility's slots of `day` with how many are taken (availability, Art. 67-3 regulation).
    Who booked is not shown: other households see only taken / free."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, facility.opens_at), tz)
    end = timezone.make_aware(datetime.combine(day, facility.closes_at), tz)
    bookings = list(
        Booking.objects.filter(
            facility=facility, status=BookingStatus.ACTIVE, starts_at__lt=end, ends_at__gt=start
        ).values_list("starts_at", "ends_at", "unit_id")
    )
    step = timedelta(minutes=facility.slot_minutes)
    slots, t = [], start
    while t + step <= end:
        taken = [b for b in bookings if b[0] < t + step and b[1] > t]
        slots.append(
            {
                "starts_at": t,
                "ends_at": t + step,
                "taken": len(taken),
                "free": max(facility.capacity - len(taken), 0),
                "unit_ids": {b[2] for b in taken},
                "past": t < timezone.now(),
            }
        )
        t += step
    return slots


def bookings_visible(*, ctx, facility=None):
    qs = Booking.objects.filter(complex=ctx.complex).select_related("facility", "unit__building")
    if facility is not None:
        qs = qs.filter(facility=facility)
    if not ctx.is_office:
        qs = qs.filter(unit_id__in=ctx.unit_ids)
    return qs


def facility_charges(*, complex, year: int, month: int) -> list[tuple[int, int]]:
    """(unit id, won) of the month's kept bookings: what fees bills as `facility_use` on the next
    month's bill. fees reads this selector (residents never imports fees)."""
    start, _ = day_bounds(date(year, month, 1))
    end, _ = day_bounds(date(year + (month == 12), month % 12 + 1, 1))
    rows = (
        Booking.objects.filter(
            complex=complex,
            status=BookingStatus.ACTIVE,
            starts_at__gte=start,
            starts_at__lt=end,
            fee__gt=0,
        )
        .values("unit_id")
        .annotate(total=Sum("fee"))
        .order_by("unit_id")
    )
    return [(r["unit_id"], r["total"]) for r in rows]


# --- cars ---------------------------------------------------------------------------------------


def visitor_cars_visible(*, ctx):
    qs = VisitorCar.objects.filter(complex=ctx.complex).select_related("unit__building")
    return qs if ctx.is_office else qs.filter(unit_id__in=ctx.unit_ids)


def visitors_on(*, complex, day: date | None = None):
    """Today's visitor list (the guard's screen)."""
    day = day or today()
    return VisitorCar.objects.filter(
        complex=complex, cancelled_at__isnull=True, visit_from__lte=day, visit_until__gte=day
    ).select_related("unit__building")


def plate_lookup(*, complex, plate: str, day: date | None = None) -> list[dict]:
    """Is this plate registered today? Residents' cars (register, 별지 1) and visitor cars of
    `day`. Four digits alone match the plate's last four (what a guard reads off a bumper)."""
    from ..models import Vehicle

    day = day or today()
    q = rules.normalise_plate(plate)
    if not q:
        return []
    lookup = "plate__endswith" if q.isdigit() else "plate"
    found = []
    vehicles = (
        Vehicle.objects.filter(complex=complex, **{lookup: q})
        .filter(occupancy__moved_in_on__lte=day)
        .filter(Q(occupancy__moved_out_on__isnull=True) | Q(occupancy__moved_out_on__gte=day))
        .select_related("occupancy__unit__building")
    )
    for v in vehicles:
        found.append(
            {"kind": "resident", "plate": v.plate, "unit": v.occupancy.unit, "until": None}
        )
    for v in visitors_on(complex=complex, day=day).filter(**{lookup: q}):
        found.append({"kind": "visitor", "plate": v.plate, "unit": v.unit, "until": v.visit_until})
    return found


def household_cars(*, complex, unit_ids):
    from ..models import Vehicle

    return (
        Vehicle.objects.filter(complex=complex, occupancy__unit_id__in=unit_ids)
        .filter(occupancy__moved_out_on__isnull=True)
        .select_related("occupancy__unit__building")
    )


# --- groups -----------------------------------------------------------------------------------


def counting_members(*, group) -> int:
    """Members who count toward Art. 39①'s ten: 입주자등 with a unit of the complex, each
    person once (open reading 1)."""
    return (
        GroupMember.objects.filter(
            group=group, kind=MemberKind.RESIDENT, unit__complex=group.complex
        )
        .values("name", "unit_id")
        .distinct()
        .count()
    )


def groups_with_counts(*, complex):
    return CommunityGroup.objects.filter(complex=complex).annotate(
        n_members=Count("members"),
        n_residents=Count("members", filter=Q(members__kind=MemberKind.RESIDENT)),
    )


def members_for(*, ctx, group) -> list[dict]:
    """The member list: the office sees it whole; others see masked names and no phone or
    unit (00-overview privacy rules, core/masking.py)."""
    rows = []
    for m in group.members.select_related("unit__building"):
        if ctx.is_office:
            rows.append(
                {
                    "name": m.name,
                    "position": m.position,
                    "kind": m.get_kind_display(),
                    "unit": m.unit.label if m.unit else "",
                    "phone": m.phone,
                    "is_representative": m.is_representative,
                }
            )
        else:
            rows.append(
                {
                    "name": mask_name(m.name),
                    "position": m.position,
                    "kind": m.get_kind_display(),
                    "unit": "",
                    "phone": "",
                    "is_representative": m.is_representative,
                }
            )
    return rows
