"""Builders for council tests: a council of N seats with M reps seated, a held meeting."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from complexes.models import Role, Ward
from council import services
from council.models import MeetingKind
from tests.factories import UserFactory, member

KST = ZoneInfo("Asia/Seoul")
TERM_START = date(2025, 7, 1)


def kst(y, m, d, hh=19, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=KST)


def make_council(complex_, *, seats, seated, term_start=TERM_START, prefix="대표"):
    """`seats` wards, the first `seated` of them with a rep who has a login (role council)."""
    wards = [Ward.objects.create(complex=complex_, name=f"제{i + 1}선거구") for i in range(seats)]
    reps = []
    for i, ward in enumerate(wards[:seated]):
        user = member(
            complex_,
            Role.COUNCIL,
            UserFactory(email=f"rep{i + 1}@{complex_.slug}.test", name=f"{prefix}{i + 1}"),
        )
        reps.append(
            services.representative_seat(
                complex=complex_, ward=ward, user_or_name=user, term_start=term_start
            )
        )
    return wards, reps


def held_meeting(complex_, reps, *, present=None, items=1, on=None, category="general"):
    """A meeting noticed 5 days ahead and held `on` (default today), with `items` items on the
    agenda and `present` reps attending (default all)."""
    on = on or timezone.localdate()
    starts = datetime(on.year, on.month, on.day, 19, 0, tzinfo=KST)
    meeting = services.meeting_create(
        complex=complex_,
        kind=MeetingKind.REGULAR,
        starts_at=starts,
        place="관리동 회의실",
        now=starts - timedelta(days=6),
    )
    made = []
    for n in range(items):
        item = services.item_propose(
            complex=complex_,
            by=None,
            proposer_kind="manager",
            proposer_name="관리사무소장",
            title=f"안건 {n + 1}",
            motion=f"안건 {n + 1}을 원안대로 의결한다.",
            reason="필요",
            content="내용",
            category=category,
        )
        services.item_submit(item=item, cost_estimate=1_000_000)
        made.append(services.item_schedule(item=item, meeting=meeting))
    services.meeting_send_notice(meeting=meeting, now=starts - timedelta(days=5))
    present = reps if present is None else present
    services.attendance_record(meeting=meeting, present_ids=[r.pk for r in present], now=starts)
    meeting.refresh_from_db()
    return meeting, made


def vote_all(item, reps, choices):
    """choices: list like ["yes"]*5 + ["no"]*4, zipped with reps (each votes as themselves)."""
    for rep, choice in zip(reps, choices, strict=False):
        services.vote_cast(item=item, representative=rep, choice=choice, by=rep.user)
