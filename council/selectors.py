"""Reads of the council app. Other apps use `resolution_is_effective` and
`operating_costs_for_month`."""

from datetime import timedelta

from .models import ConveneRequest, Resolution, ResolutionStatus


def resolution_is_effective(*, resolution: Resolution | None) -> bool:
    """A resolution approves what depends on it (a budget, a usage plan, a contractor) only when
    the item passed and the resolution is not suspended by a reconsideration request (Art. 34①:
    효력을 정지한다) nor revoked by the re-deliberation (Art. 34③)."""
    if resolution is None:
        return False
    return resolution.passed and resolution.status == ResolutionStatus.EFFECTIVE


def _month_start(period):
    """`period` as a date (any day of the month) or "YYYY-MM" → the first day of that month."""
    from datetime import date

    if isinstance(period, str):
        year, month = period.split("-")[:2]
        return date(int(year), int(month), 1)
    return period.replace(day=1)


def operating_costs_for_month(*, complex, period) -> int:
    """Art. 37②③: the council's operating costs recorded in the ledger for the month `period`
    (date or "YYYY-MM"), in whole won; the fees app bills it as `council_operations`
    (별표 6 item 7)."""
    from django.db.models import Sum

    from .models import Expense

    total = Expense.objects.filter(complex=complex, period=_month_start(period)).aggregate(
        total=Sum("amount")
    )["total"]
    return int(total or 0)


def council_settings(*, complex):
    """The complex's council settings, created with the defaults on first use."""
    from .models import CouncilSettings

    s, _ = CouncilSettings.objects.get_or_create(complex=complex)
    return s


def seats_for(*, complex) -> int:
    """정원: one seat per ward (Art. 17) unless the settings say otherwise."""
    from complexes.models import Ward

    s = council_settings(complex=complex)
    return s.seats if s.seats else Ward.objects.filter(complex=complex).count()


def seated_reps(*, complex, day) -> list:
    """Reps in office on `day` (suspended ones included: they stay in the membership)."""
    from .models import Representative

    reps = (
        Representative.objects.filter(complex=complex, term_start__lte=day, term_end__gte=day)
        .select_related("ward", "user")
        .prefetch_related("suspensions", "offices")
        .order_by("ward__name")
    )
    return [r for r in reps if r.seated_on(day)]


def quorum_for(*, complex, day, two_thirds: bool = False):
    """Art. 20, 30: seats, seated members, membership and the yes-votes needed on `day`."""
    from . import majority

    return majority.quorum(
        seats=seats_for(complex=complex),
        seated=len(seated_reps(complex=complex, day=day)),
        two_thirds=two_thirds,
    )


def is_suspended(*, representative, day) -> bool:
    """The rep's own duties are suspended on `day` (Art. 23③⑬): cannot vote, sign or join a
    1/3 request. An officer-only suspension (Art. 23⑦) does not count here."""
    return any(s.blocks_rep_duties(day) for s in representative.suspensions.all())


def office_suspended(*, representative, day) -> bool:
    """The rep cannot act in an office on `day`: any active suspension, officer-only included
    (Art. 23⑦: a chair or auditor under a recall vote)."""
    return any(s.active_on(day) for s in representative.suspensions.all())


def offices_on(*, representative, day) -> list[str]:
    return [
        o.get_office_display()
        for o in representative.offices.all()
        if o.starts_on <= day and (o.ends_on is None or day < o.ends_on)
    ]


def acts_in_office(*, representative, office_label: str, day) -> bool:
    """The rep holds the office (e.g. "감사") on `day` and may act in it: not while a recall vote
    against them is pending (Art. 23③⑦ — officer duties suspended)."""
    return office_label in offices_on(
        representative=representative, day=day
    ) and not office_suspended(representative=representative, day=day)


def rep_for_user(*, complex, user, day):
    """The user's own seat in the complex on `day`, if any."""
    for rep in seated_reps(complex=complex, day=day):
        if rep.user_id == user.pk:
            return rep
    return None


def vacancies(*, complex, day) -> list:
    """Wards without a seated rep on `day` (Art. 24: a by-election is due)."""
    from complexes.models import Ward

    seated = {r.ward_id for r in seated_reps(complex=complex, day=day)}
    return [w for w in Ward.objects.filter(complex=complex) if w.pk not in seated]


def procedural_flags(*, meeting) -> list[str]:
    """Art. 31⑤: likely procedural defects for review (the portal never voids a resolution
    itself): a shortened notice, a notice sent late, resolutions without recorded attendance,
    the speech record arriving after its 5 days (Art. 35①)."""
    from datetime import timedelta

    from django.utils import timezone

    flags = []
    day = timezone.localdate(meeting.starts_at)
    if meeting.notice_exception:
        flags.append(
            f"통지기간 단축({meeting.get_notice_exception_display()}): "
            f"{meeting.notice_exception_reason}"
        )
    sent = meeting.notice_sent_at
    if sent and not meeting.notice_exception and (day - timezone.localdate(sent)).days < 5:
        flags.append("회의 5일 전까지 통지하지 않았습니다 (제28조①).")
    if meeting.resolutions.exists() and not meeting.attendance.filter(present=True).exists():
        flags.append("출석 기록 없이 의결했습니다 (제31조①).")
    minutes = getattr(meeting, "minutes", None)
    if minutes and minutes.speech_received_at:
        due = day + timedelta(days=5)
        if timezone.localdate(minutes.speech_received_at) > due:
            flags.append(f"발언록이 기한({due}) 뒤에 접수되었습니다 (제35조①).")
    return flags


def acting_chair(*, complex, day):
    """Art. 19, 26①: the chair presides; when the chair cannot (no chair, or suspended), a
    director acts — the eldest first (birth year; unknown ages last)."""
    reps = seated_reps(complex=complex, day=day)
    able = [r for r in reps if not office_suspended(representative=r, day=day)]
    for r in able:
        if "회장" in offices_on(representative=r, day=day):
            return r
    directors = [r for r in able if "이사" in offices_on(representative=r, day=day)]
    directors.sort(key=lambda r: (r.birth_year is None, r.birth_year or 0, r.pk))
    return directors[0] if directors else None


def is_acting_chair(*, complex, user, day) -> bool:
    """Whether `user` holds the chair's powers on `day`: the chair, or the director acting for a
    chair who cannot (Art. 19, 26①). A user without a seat never does."""
    rep = rep_for_user(complex=complex, user=user, day=day)
    if rep is None:
        return False
    acting = acting_chair(complex=complex, day=day)
    return acting is not None and acting.pk == rep.pk


CONVENE_DAYS = 14  # Art. 26①: the chair convenes within 14 days of a request (Art. 26③)


def open_convene_requests(*, complex) -> list:
    """Requests to convene not yet answered by a meeting, each with its `deadline`: received
    + 14 days (Art. 26①: the chair convenes within 14 days of the request, Art. 26③)."""
    requests = list(ConveneRequest.objects.filter(complex=complex, meeting__isnull=True))
    for r in requests:
        r.deadline = r.received_on + timedelta(days=CONVENE_DAYS)
    return requests


def voters_missing(*, item) -> list:
    """Reps present at the item's meeting, able to vote (not suspended as reps, Art. 23③⑬),
    who have not voted on the item yet (Art. 31③: every present rep records a vote)."""
    from django.utils import timezone

    from .models import Attendance

    meeting = item.meeting
    if meeting is None:
        return []
    day = timezone.localdate(meeting.starts_at)
    voted = set(item.votes.filter(meeting=meeting).values_list("representative_id", flat=True))
    present = (
        Attendance.objects.filter(meeting=meeting, present=True)
        .select_related("representative__ward")
        .prefetch_related("representative__suspensions")
        .order_by("representative__ward__name")
    )
    return [
        a.representative
        for a in present
        if a.representative_id not in voted
        and not is_suspended(representative=a.representative, day=day)
    ]
