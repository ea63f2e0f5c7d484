"""One object of each council model in a complex, with "ALPHA"-style markers (the walk)."""

from datetime import timedelta

from django.utils import timezone

from complexes.models import Ward
from council import services
from council.models import (
    ConveneRequest,
    ExpenseCategory,
    FilerKind,
    MeetingKind,
    NoticeReceipt,
    Observer,
    Office,
    SuspensionReason,
)
from tests.council.helpers import kst


def populate(tenant):
    c = tenant.complex
    marker = c.name.replace("아파트", "").upper()  # "알파" → marker text below uses slug
    tag = tenant.complex.slug.upper()
    wards = [Ward.objects.create(complex=c, name=f"{tag} 제{i}선거구") for i in (1, 2, 3)]
    term = timezone.localdate() - timedelta(days=200)
    reps = [
        services.representative_seat(
            complex=c, ward=wards[0], user_or_name=tenant.council, term_start=term
        ),
        services.representative_seat(
            complex=c, ward=wards[1], user_or_name=f"{tag} 대표", term_start=term
        ),
    ]
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=term)
    today = timezone.localdate()
    starts = kst(today.year, today.month, today.day, 19)
    meeting = services.meeting_create(
        complex=c,
        kind=MeetingKind.REGULAR,
        starts_at=starts,
        place=f"{tag} 회의실",
        now=starts - timedelta(days=7),
    )
    item = services.item_propose(
        complex=c,
        by=tenant.owner,
        proposer_kind="residents",
        proposer_name=f"{tag} 주민",
        title=f"{tag} 안건",
        motion=f"{tag} 의결주문",
        reason=f"{tag} 이유",
        content=tag,
    )
    services.item_submit(item=item, cost_estimate=1000)
    services.item_schedule(item=item, meeting=meeting)
    spare = services.item_propose(
        complex=c,
        by=tenant.owner,
        proposer_kind="residents",
        proposer_name=f"{tag} 주민",
        title=f"{tag} 다음 안건",
        motion=tag,
        reason=tag,
        content=tag,
    )
    services.meeting_send_notice(meeting=meeting, now=starts - timedelta(days=6))
    Observer.objects.create(complex=c, meeting=meeting, name=f"{tag} 방청")
    services.attendance_record(meeting=meeting, present_ids=[reps[0].pk, reps[1].pk], now=starts)
    services.vote_cast(item=item, representative=reps[0], choice="yes", by=tenant.council)
    services.vote_cast(
        item=item, representative=reps[1], choice="yes", by=tenant.manager, is_office=True
    )
    resolution = services.item_decide(item=item)
    services.minutes_sign(meeting=meeting, representative=reps[0], user=tenant.council)
    services.representative_suspend(
        representative=reps[1], reason=SuspensionReason.OTHER, starts_on=today, note=tag
    )
    services.minutes_record_speech(meeting=meeting, speech_record=f"{tag} 발언", item_details="")
    services.reconsideration_file(
        resolution=resolution,
        filer_kind=FilerKind.OFFICE,
        representative_name=f"{tag} 소장",
        violation=tag,
        proposal=tag,
    )
    services.expense_record(
        complex=c,
        spent_on=today,
        category=ExpenseCategory.ATTENDANCE,
        amount=50_000,
        description=f"{tag} 출석수당",
        representative=reps[0],
        meeting=meeting,
    )
    ConveneRequest.objects.create(
        complex=c, requester="office", reason=f"{tag} 소집", received_on=today
    )
    assert NoticeReceipt.objects.filter(complex=c).exists()
    del marker, spare
