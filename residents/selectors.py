"""Reads of the register, complaints and notices. Other apps use:

* `residency_window(membership=)` — the period a resident's account may see of its unit's
  history (bills, complaints): a lessee sees only their own residency (issue 3).
* `designated_voter(unit=)` — who casts the household's one vote (Art. 12①③);
  `designated_voters(units=)` — the same for a whole roll in a fixed number of queries;
  `owner_voter(unit=)` — the owner household's voter for owners-only matters.
* `current_occupancies(unit=)`, `occupancy_for_membership(membership=)`.
* `statutory_notices(complex=)` — notices with a statutory kind and due date (disclosure).
* `complaint_report(complex=, start=, end=)` — the handling report for a council meeting
  (Art. 62①5).
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Case, Prefetch, Q, When
from django.utils import timezone

from complexes.models import Membership, ResidentKind, Role, Unit, Ward
from core.cache import forget

from .models import (
    Audience,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStatus,
    EventKind,
    HouseholdMember,
    Notice,
    Occupancy,
    RegisterChangeRequest,
    ResidentSettings,
    VoterBasis,
    VoterDesignation,
)


def today() -> date:
    """Today in Asia/Seoul."""
    return timezone.localdate()


def settings_for(*, complex) -> ResidentSettings:
    obj, _ = ResidentSettings.objects.get_or_create(complex=complex)
    return obj


# --- register -------------------------------------------------------------------------------


def current_occupancies(*, unit: Unit, on: date | None = None):
    """The households living in `unit` on `on` (default today): at most one owner and one
    lessee household (overlaps of the same kind are refused by the services)."""
    on = on or today()
    return Occupancy.objects.filter(
        complex_id=unit.complex_id, unit=unit, moved_in_on__lte=on
    ).filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=on))


def occupancy_for_membership(*, membership: Membership) -> Occupancy | None:
    """The register entry of a resident account: the one linked to it (joining links it,
    residents.joining), else the entry of the same unit and kind that was current when the
    account joined (an account the office made — an invitation, a role — before it linked
    one). One query."""
    if membership.role != Role.RESIDENT or membership.unit_id is None:
        return None
    joined = timezone.localtime(membership.created_at).date()
    same_kind_then = Q(
        unit_id=membership.unit_id,
        kind=membership.resident_kind,
        membership__isnull=True,
        moved_in_on__lte=joined,
    ) & (Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=joined))
    return (
        Occupancy.objects.filter(complex_id=membership.complex_id)
        .filter(Q(membership=membership) | same_kind_then)
        .annotate(linked=Case(When(membership=membership, then=1), default=0))
        .order_by("-linked", "-moved_in_on")
        .first()
    )


# A resident's window is read on every bill page (issue 4: 400 req/s), so it is kept in the
# cache for a minute; every change to an entry of the unit forgets it (apps.py receivers,
# `forget_windows`), the minute only bounds a change racing with a page reading the old state.
WINDOW_TTL = 60


def _window_key(membership_id) -> str:
    return f"residents:window:{membership_id}"


def forget_windows(*, unit_ids=(), membership_ids=()) -> None:
    ids = set(membership_ids)
    if unit_ids:
        ids |= set(
            Membership.objects.filter(unit_id__in=list(unit_ids), role=Role.RESIDENT).values_list(
                "pk", flat=True
            )
        )
    forget(_window_key(i) for i in ids)


def residency_window(*, membership: Membership) -> tuple[date, date | None]:
    """The period (first day, last day or None = ongoing) of its unit's history a resident
    account may see — bills by period, complaints by filing date.

    Art. 9①②: residency begins when ownership or the lease starts and ends when it is lost.
    With a register entry the window is that residency (moved_in_on … moved_out_on), for an
    owner as for a lessee (issue 12 [1/9]). Without one, a lessee sees from the day the account
    joined (never a predecessor's period) and an owner sees the unit's whole history (arrears
    follow the unit to a successor owner, Art. 16) — such an owner account is one the office
    made; joining by code always links an entry. A membership that is not a resident's has no
    window: (date.max, date.max) shows nothing.
    """
    if membership.role != Role.RESIDENT or membership.unit_id is None:
        return (date.max, date.max)
    key = _window_key(membership.pk)
    window = cache.get(key)
    if window is None:
        window = _residency_window(membership)
        cache.set(key, window, WINDOW_TTL)
    return window


def _residency_window(membership) -> tuple[date, date | None]:
    occupancy = occupancy_for_membership(membership=membership)
    if occupancy is not None:
        return (occupancy.moved_in_on, occupancy.moved_out_on)
    if membership.resident_kind == ResidentKind.LESSEE:
        return (timezone.localtime(membership.created_at).date(), None)
    return (date.min, None)


def window_q(window: tuple[date, date | None], field_name: str) -> Q:
    """A Q limiting a date (or datetime) field to `window` (inclusive, Asia/Seoul days)."""
    start, end = window
    q = Q()
    is_datetime = field_name.endswith("_at")
    if start > date.min:
        q &= Q(**{f"{field_name}__gte": _day_start(start) if is_datetime else start})
    if end is not None:
        if is_datetime:
            q &= Q(**{f"{field_name}__lt": _day_start(end + timedelta(days=1))})
        else:
            q &= Q(**{f"{field_name}__lte": end})
    return q


def _day_start(day: date) -> datetime:
    if day >= date.max - timedelta(days=1):
        day = date.max - timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Voter:
    """The household's one vote (Art. 12①). `membership` is the account that may cast it
    (None when the voter has no account yet). `designation` is None when nobody was named and
    the default applies."""

    unit: Unit
    name: str
    basis: str
    membership: Membership | None
    occupancy: Occupancy | None
    designation: VoterDesignation | None

    @property
    def user_id(self):
        return self.membership.user_id if self.membership else None


def designated_voter(*, unit: Unit) -> Voter | None:
    """Who casts the household's one vote (Art. 12①: one vote per unit; an owner and a lessee
    of the same unit are one household).

    1. A current designation recorded by the office (co-owners name one in writing, Art. 12①
       단서; a non-head member votes for the head with a power of attorney, Art. 12③).
    2. Otherwise the head of the household living there: the current lessee household if the
       unit is let, else the current owner household — provided it has no co-owner (then a
       written designation is required and there is no voter until one is recorded).
    3. Without register entries, the unit's resident account (a lessee's first); none if
       several accounts of the same kind could claim it.
    """
    designation = (
        VoterDesignation.objects.filter(
            complex_id=unit.complex_id, unit=unit, ended_on__isnull=True
        )
        .select_related("membership", "occupancy")
        .first()
    )
    if designation is not None:
        return Voter(
            unit,
            designation.voter_name,
            designation.basis,
            designation.membership,
            designation.occupancy,
            designation,
        )
    occupancies = list(
        current_occupancies(unit=unit)
        .filter(anonymised_at__isnull=True)
        .select_related("membership")
    )
    by_kind = {o.kind: o for o in occupancies}
    household = by_kind.get(ResidentKind.LESSEE) or by_kind.get(ResidentKind.OWNER)
    if household is not None:
        if household.members.filter(relation="공유자").exists():
            return None
        membership = household.membership or _unit_account(unit, household.kind)
        return Voter(unit, household.name, VoterBasis.HEAD, membership, household, None)
    for kind in (ResidentKind.LESSEE, ResidentKind.OWNER):
        accounts = list(
            Membership.objects.filter(
                complex_id=unit.complex_id, unit=unit, role=Role.RESIDENT, resident_kind=kind
            ).select_related("user")
        )
        if len(accounts) == 1:
            m = accounts[0]
            return Voter(unit, m.user.name or m.user.email, VoterBasis.HEAD, m, None, None)
        if accounts:
            return None
    return None


def designated_voters(*, units) -> dict:
    """`designated_voter` for many units at once ({unit_id: Voter | None}) in a fixed number
    of queries — for a voter roll of a whole complex (Art. 12①: one vote per household)."""
    units = list(units)
    if not units:
        return {}
    ids = [u.pk for u in units]
    complex_ids = {u.complex_id for u in units}
    designations = {
        d.unit_id: d
        for d in VoterDesignation.objects.filter(
            complex_id__in=complex_ids, unit_id__in=ids, ended_on__isnull=True
        ).select_related("membership", "occupancy")
    }
    on = today()
    households = {}
    for o in (
        Occupancy.objects.filter(
            complex_id__in=complex_ids,
            unit_id__in=ids,
            moved_in_on__lte=on,
            anonymised_at__isnull=True,
        )
        .filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=on))
        .select_related("membership")
    ):
        households.setdefault(o.unit_id, {})[o.kind] = o
    co_owned = set(
        HouseholdMember.objects.filter(
            complex_id__in=complex_ids, occupancy__unit_id__in=ids, relation="공유자"
        ).values_list("occupancy_id", flat=True)
    )
    accounts = {}
    for m in Membership.objects.filter(
        complex_id__in=complex_ids, unit_id__in=ids, role=Role.RESIDENT
    ).select_related("user"):
        accounts.setdefault((m.unit_id, m.resident_kind), []).append(m)
    result = {}
    for unit in units:
        d = designations.get(unit.pk)
        if d is not None:
            result[unit.pk] = Voter(unit, d.voter_name, d.basis, d.membership, d.occupancy, d)
            continue
        by_kind = households.get(unit.pk, {})
        household = by_kind.get(ResidentKind.LESSEE) or by_kind.get(ResidentKind.OWNER)
        if household is not None:
            if household.pk in co_owned:
                result[unit.pk] = None
                continue
            same_kind = accounts.get((unit.pk, household.kind), [])
            membership = household.membership or (same_kind[0] if len(same_kind) == 1 else None)
            result[unit.pk] = Voter(
                unit, household.name, VoterBasis.HEAD, membership, household, None
            )
            continue
        result[unit.pk] = None
        for kind in (ResidentKind.LESSEE, ResidentKind.OWNER):
            found = accounts.get((unit.pk, kind), [])
            if len(found) == 1:
                m = found[0]
                result[unit.pk] = Voter(
                    unit, m.user.name or m.user.email, VoterBasis.HEAD, m, None, None
                )
                break
            if found:
                break
    return result


def owner_voter(*, unit: Unit) -> Voter | None:
    """The owner household's voter, for matters only owners decide (e.g. the long-term repair
    plan, Art. 30; 입주자 rights of Art. 10 단서): a current designation made for the owner
    household (co-owners' written choice, Art. 12① 단서, or a proxy, Art. 12③), else the head
    of the current owner household unless it is co-owned, else the unit's single owner
    account."""
    designation = (
        VoterDesignation.objects.filter(
            complex_id=unit.complex_id,
            unit=unit,
            ended_on__isnull=True,
            occupancy__kind=ResidentKind.OWNER,
        )
        .select_related("membership", "occupancy")
        .first()
    )
    if designation is not None:
        return Voter(
            unit,
            designation.voter_name,
            designation.basis,
            designation.membership,
            designation.occupancy,
            designation,
        )
    owner = (
        current_occupancies(unit=unit)
        .filter(kind=ResidentKind.OWNER, anonymised_at__isnull=True)
        .select_related("membership")
        .first()
    )
    if owner is not None:
        if owner.members.filter(relation="공유자").exists():
            return None
        membership = owner.membership or _unit_account(unit, ResidentKind.OWNER)
        return Voter(unit, owner.name, VoterBasis.HEAD, membership, owner, None)
    accounts = list(
        Membership.objects.filter(
            complex_id=unit.complex_id,
            unit=unit,
            role=Role.RESIDENT,
            resident_kind=ResidentKind.OWNER,
        ).select_related("user")[:2]
    )
    if len(accounts) == 1:
        m = accounts[0]
        return Voter(unit, m.user.name or m.user.email, VoterBasis.HEAD, m, None, None)
    return None


def _unit_account(unit, kind) -> Membership | None:
    accounts = list(
        Membership.objects.filter(
            complex_id=unit.complex_id, unit=unit, role=Role.RESIDENT, resident_kind=kind
        )[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


def register_for_complex(*, complex, q: str = "", building=None, current_only: bool = True):
    qs = Occupancy.objects.filter(complex=complex).select_related(
        "unit__building", "membership__user"
    )
    if current_only:
        qs = qs.filter(moved_out_on__isnull=True)
    if building:
        qs = qs.filter(unit__building_id=building)
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(unit__number__icontains=q)
            | Q(phone__icontains=q)
            | Q(vehicles__plate__icontains=q)
        ).distinct()
    return qs


def pending_change_requests(*, complex):
    return RegisterChangeRequest.objects.filter(complex=complex, status="pending").select_related(
        "occupancy__unit__building", "requested_by"
    )


def own_occupancies(*, ctx):
    """The register entries a resident may read: their own household's entries."""
    result = []
    for m in ctx.resident_memberships:
        occupancy = occupancy_for_membership(membership=m)
        if occupancy is not None:
            result.append(occupancy)
    return result


def current_resident_units(*, ctx) -> list[Unit]:
    """The units a resident account may file for today: its memberships whose residency has
    not ended (a household that moved out keeps read access to its period only)."""
    day = today()
    units = []
    for m in ctx.resident_memberships:
        start, end = residency_window(membership=m)
        if start <= day and (end is None or end >= day):
            units.append(m.unit)
    return units


# --- complaints -----------------------------------------------------------------------------


def complaints_visible(*, ctx):
    """Office: every complaint of the complex. A resident: the ones they filed, plus those of
    their unit filed within their residency window (a lessee sees only their own period).
    Anyone else: none."""
    qs = Complaint.objects.filter(complex=ctx.complex)
    if ctx.is_office:
        return qs
    q = Q(filed_by=ctx.user)
    for m in ctx.resident_memberships:
        q |= Q(unit_id=m.unit_id) & window_q(residency_window(membership=m), "filed_at")
    if not ctx.resident_memberships:
        return qs.filter(filed_by=ctx.user) if ctx.user.is_authenticated else qs.none()
    return qs.filter(q)


def complaint_events_visible(*, ctx, complaint):
    qs = complaint.events.select_related("actor")
    if not ctx.is_office:
        qs = qs.filter(internal=False)
    return qs


def open_complaints_older_than(*, complex, days: int, now: datetime | None = None):
    now = now or timezone.now()
    return Complaint.objects.filter(
        complex=complex,
        status__in=[
            ComplaintStatus.RECEIVED,
            ComplaintStatus.ACKNOWLEDGED,
            ComplaintStatus.IN_PROGRESS,
        ],
        filed_at__lte=now - timedelta(days=days),
    )


@dataclass
class ReportItem:
    complaint: Complaint
    days_open: int
    action: str


@dataclass
class ComplaintReport:
    """Art. 62①5: complaints received and how they were handled, for the council meeting.
    Holds no names or unit numbers (council members see no personal data)."""

    start: date
    end: date
    total: int
    open: int
    closed: int
    median_days_to_close: float | None
    by_category: list = field(default_factory=list)  # (label, total, open, closed)
    items: list = field(default_factory=list)


def complaint_report(*, complex, start: date, end: date) -> ComplaintReport:
    """Complaints filed between `start` and `end` (inclusive, KST): counts by category,
    open/closed, median days to close, and each item's latest action or result."""
    qs = (
        Complaint.objects.filter(complex=complex)
        .filter(window_q((start, end), "filed_at"))
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ComplaintEvent.objects.filter(
                    internal=False,
                    kind__in=[EventKind.ACTION, EventKind.DISPUTE_STEP, EventKind.CLOSED],
                )
                .exclude(text="")
                .only("pk", "complaint_id", "text", "created_at")
                .order_by("created_at", "pk"),
                to_attr="report_actions",
            )
        )
        .order_by("filed_at", "pk")
    )
    complaints = list(qs)
    counts = {c: [0, 0] for c in ComplaintCategory.values}
    durations = []
    items = []
    now = timezone.now()
    for c in complaints:
        counts[c.category][0 if c.is_open else 1] += 1
        if c.closed_at:
            durations.append((c.closed_at - c.filed_at).total_seconds() / 86400)
        actions = [e.text for e in c.report_actions]
        action = c.result or (actions[-1] if actions else "")
        days = ((c.closed_at or now) - c.filed_at).days
        items.append(ReportItem(c, days, action))
    by_category = [
        (label, sum(counts[value]), counts[value][0], counts[value][1])
        for value, label in ComplaintCategory.choices
        if sum(counts[value])
    ]
    closed = sum(v[1] for v in counts.values())
    return ComplaintReport(
        start=start,
        end=end,
        total=len(complaints),
        open=len(complaints) - closed,
        closed=closed,
        median_days_to_close=round(statistics.median(durations), 1) if durations else None,
        by_category=by_category,
        items=items,
    )


# --- notices --------------------------------------------------------------------------------


def notices_visible(*, ctx, now: datetime | None = None):
    """Office: all notices (drafts and expired ones too). Everyone else in the complex: the
    published, unexpired ones addressed to all, or to a building / ward where they have a unit
    (council and committee members without a unit see only those to all)."""
    qs = Notice.objects.filter(complex=ctx.complex).select_related("building", "ward")
    if ctx.is_office:
        return qs
    now = now or timezone.now()
    qs = qs.filter(publish_at__lte=now).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    unit_ids = ctx.unit_ids
    audience = Q(audience=Audience.ALL)
    if unit_ids:
        units = Unit.objects.filter(pk__in=unit_ids)
        audience |= Q(audience=Audience.BUILDING, building_id__in=units.values("building_id"))
        ward_ids = [
            w.pk
            for w in Ward.objects.filter(complex=ctx.complex)
            if w.unit_queryset().filter(pk__in=unit_ids).exists()
        ]
        audience |= Q(audience=Audience.WARD, ward_id__in=ward_ids)
    return qs.filter(audience)


def statutory_notices(*, complex, kind: str | None = None):
    """Statutory notices (kind + due date) for the disclosure view's on-time status."""
    qs = Notice.objects.filter(complex=complex).exclude(statutory_kind="")
    if kind:
        qs = qs.filter(statutory_kind=kind)
    return qs.order_by("due_on", "publish_at")


def report_default_range(*, complex, today: date) -> tuple[date, date]:
    """Art. 62①5 reports complaint handling at each council meeting: by default, from the day
    after the last meeting held (the council app's record) to `today`; without one, the last
    30 days."""
    from council.models import Meeting, MeetingStatus  # the register sits below the council

    start = today - timedelta(days=30)
    last = (
        Meeting.objects.filter(
            complex=complex, status=MeetingStatus.HELD, starts_at__lt=timezone.now()
        )
        .order_by("-starts_at")
        .first()
    )
    if last is not None:
        start = min(timezone.localtime(last.starts_at).date() + timedelta(days=1), today)
    return start, today
