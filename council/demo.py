"""The council part of the demo story (../shared/domain/90-demo.md): hanbit's 7-seat council with
6 reps (one vacancy), officers, 12 months of meetings with minutes, one resolution under
reconsideration, a meeting held today with its vote open (the chair can vote on day one), and
an upcoming meeting whose agenda includes a residents' item."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from complexes.models import Membership, Role, Unit, Ward

from . import services
from .models import (
    Attendance,
    ExpenseCategory,
    FilerKind,
    ItemCategory,
    MeetingKind,
    MeetingStatus,
    MinutesSignature,
    NoticeReceipt,
    Office,
    Representative,
    SuspensionReason,
    Vote,
)

KST = ZoneInfo("Asia/Seoul")
NAMES = ["강민호", "윤서연", "정태훈", "한지민", "오성준", "배유리"]  # invented
# (title, category, motion) per month; the monthly meeting decides two or three of these.
MONTHLY_ITEMS = [
    [
        (
            "{y}년도 관리비 예산(안) 승인",
            ItemCategory.BUDGET,
            "{y}년도 사업계획 및 예산(안)을 원안대로 승인한다.",
        )
    ],
    [("지하주차장 LED 조명 교체", ItemCategory.PROJECT, "지하주차장 조명을 LED로 교체한다.")],
    [
        (
            "승강기 유지보수 용역 사업자 선정",
            ItemCategory.CONTRACTOR,
            "적격심사 1순위 업체를 선정한다.",
        )
    ],
    [("{py}년도 결산서 승인", ItemCategory.BUDGET, "{py}년도 결산서를 원안대로 승인한다.")],
    [("어린이 놀이터 바닥 보수", ItemCategory.PROJECT, "놀이터 탄성포장을 보수한다.")],
    [
        (
            "장기수선충당금 사용계획(옥상 방수)",
            ItemCategory.USAGE_PLAN,
            "옥상 방수공사에 충당금을 사용한다.",
        )
    ],
    [("CCTV 운영 규정 개정", ItemCategory.GENERAL, "CCTV 운영 규정 개정안을 의결한다.")],
    [("층간소음 관리위원회 구성", ItemCategory.GENERAL, "층간소음 관리위원회를 구성한다.")],
    [("경비 용역 재계약", ItemCategory.CONTRACTOR, "경비 용역을 1년 재계약한다.")],
    [("외벽 도장 공사 사업자 선정", ItemCategory.CONTRACTOR, "외벽 도장 공사 업체를 선정한다.")],
    [("관리비예치금 증액", ItemCategory.DEPOSIT, "관리비예치금을 세대당 1만원 증액한다.")],
    [("공동체 활성화 행사 지원", ItemCategory.GENERAL, "송년 행사에 200만원을 지원한다.")],
]


def _kst(day: date, hour=19) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=KST)


def _third_thursday(year, month) -> date:
    d = date(year, month, 15)
    while d.weekday() != 3:
        d += timedelta(days=1)
    return d


def _owner_unit(complex_, ward):
    return ward.unit_queryset().order_by("floor", "number").first()


def _seat_council(complex_, chair_user, term_start):
    wards = list(Ward.objects.filter(complex=complex_).order_by("name"))
    reps = []
    for i, ward in enumerate(wards[:-1]):  # the last ward stays vacant
        who = chair_user if i == 0 else NAMES[i]
        reps.append(
            services.representative_seat(
                complex=complex_,
                ward=ward,
                user_or_name=who,
                term_start=term_start,
                unit=_owner_unit(complex_, ward),
                birth_year=1960 + i * 3,
                source="2025년 동별 대표자 선거",
            )
        )
    return reps


def _hold(complex_, reps, day, items, *, absent=(), office_user=None):
    """A past meeting: noticed 7 days before, held, votes recorded, minutes signed and
    published the same day, speech record within 5 days."""
    starts = _kst(day)
    meeting = services.meeting_create(
        complex=complex_,
        kind=MeetingKind.REGULAR,
        starts_at=starts,
        place="관리동 2층 입주자대표회의실",
        convened_by="회장",
        now=starts - timedelta(days=10),
    )
    made = []
    for title, category, motion, proposer in items:
        item = services.item_propose(
            complex=complex_,
            by=office_user,
            proposer_kind=proposer,
            proposer_name="관리사무소장" if proposer == "manager" else "동별 대표자",
            title=title,
            category=category,
            motion=motion,
            reason="관리규약 제30조에 따른 의결 사항",
            content=f"{title}에 관한 사항",
            cost_estimate=3_000_000 if category != ItemCategory.BUDGET else None,
            legal_basis="관리규약 제30조",
            now=starts - timedelta(days=12),
        )
        services.item_submit(item=item)
        made.append(services.item_schedule(item=item, meeting=meeting))
    meeting.status = MeetingStatus.HELD
    meeting.notice_sent_at = meeting.notice_posted_at = starts - timedelta(days=7)
    meeting.ends_at = starts + timedelta(hours=2)
    meeting.save()
    NoticeReceipt.objects.bulk_create(
        NoticeReceipt(
            complex=complex_,
            meeting=meeting,
            representative=r,
            sent_at=meeting.notice_sent_at,
            read_at=meeting.notice_sent_at + timedelta(hours=3),
        )
        for r in reps
    )
    present = [r for r in reps if r not in absent]
    Attendance.objects.bulk_create(
        Attendance(complex=complex_, meeting=meeting, representative=r, present=r in present)
        for r in reps
    )
    resolutions = []
    for n, item in enumerate(made):
        no = 1 if n % 2 else 0
        Vote.objects.bulk_create(
            Vote(
                complex=complex_,
                item=item,
                meeting=meeting,
                representative=r,
                choice="no" if i < no else ("abstain" if i == len(present) - 1 else "yes"),
                recorded_by=office_user,
            )
            for i, r in enumerate(present)
        )
        resolutions.append(services.item_decide(item=item, now=starts + timedelta(hours=1)))
    minutes = services.minutes_for(meeting=meeting)
    MinutesSignature.objects.bulk_create(
        MinutesSignature(
            complex=complex_,
            minutes=minutes,
            representative=r,
            user=r.user,
            signed_at=starts + timedelta(hours=2),
        )
        for r in present
    )
    minutes.resolutions_completed_at = starts + timedelta(hours=2, minutes=5)
    minutes.resolutions_published_at = starts + timedelta(hours=2, minutes=30)
    lines = [f"○ {r.name}: {made[0].title}에 찬성합니다." for r in present[:3]]
    minutes.speech_record = "\n".join(lines)
    minutes.item_details = "\n".join(f"- {i}: 비용추계 첨부" for i in made)
    minutes.speech_received_at = starts + timedelta(days=3)
    minutes.speech_published_at = starts + timedelta(days=3, hours=1)
    minutes.written_by = "입주자대표회의 회장"
    minutes.save()
    for r in present:
        services.expense_record(
            complex=complex_,
            spent_on=day,
            category=ExpenseCategory.ATTENDANCE,
            amount=50_000,
            description=f"제{meeting.number}차 회의 출석수당",
            representative=r,
            meeting=meeting,
        )
    return meeting, resolutions


def _seed_hanbit(hanbit, today):
    chair_user = Membership.objects.get(
        complex=hanbit, role=Role.COUNCIL, user__email="council@hanbit.demo"
    ).user
    office_user = Membership.objects.get(complex=hanbit, role=Role.MANAGER).user
    term_start = date(today.year - 1, 7, 1)
    reps = _seat_council(hanbit, chair_user, term_start)
    # the chair's login is named by role in the base demo; the council records a person's name
    Representative.objects.filter(pk=reps[0].pk).update(name="김한빛")
    reps[0].name = "김한빛"
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=term_start)
    services.officer_appoint(representative=reps[1], office=Office.AUDITOR, starts_on=term_start)
    services.officer_appoint(representative=reps[2], office=Office.AUDITOR, starts_on=term_start)
    services.officer_appoint(representative=reps[3], office=Office.DIRECTOR, starts_on=term_start)
    services.officer_appoint(representative=reps[4], office=Office.DIRECTOR, starts_on=term_start)
    # 12 monthly meetings up to last month
    months = []
    y, m = today.year, today.month
    for _ in range(12):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        months.append((y, m))
    months.reverse()
    last_resolutions = []
    for n, (y, m) in enumerate(months):
        day = _third_thursday(y, m)
        title, category, motion = MONTHLY_ITEMS[n][0]
        items = [
            (
                title.format(y=y + 1, py=y - 1),
                category,
                motion.format(y=y + 1, py=y - 1),
                "manager",
            ),
            (
                f"{m}월 관리비 집행 내역 보고 승인",
                ItemCategory.GENERAL,
                "집행 내역을 승인한다.",
                "manager",
            ),
        ]
        _, resolutions = _hold(
            hanbit, reps, day, items, absent=reps[5:] if n % 3 == 0 else (), office_user=office_user
        )
        last_resolutions = resolutions
        for category_, amount, text, rep in (
            (ExpenseCategory.CHAIR, 300_000, "회장 업무추진비", reps[0]),
            (ExpenseCategory.AUDITOR, 100_000, "감사 업무추진비", reps[1]),
            (ExpenseCategory.AUDITOR, 100_000, "감사 업무추진비", reps[2]),
        ):
            services.expense_record(
                complex=hanbit,
                spent_on=date(y, m, 25),
                category=category_,
                amount=amount,
                description=text,
                representative=rep,
            )
    services.expense_record(
        complex=hanbit,
        spent_on=date(months[0][0], months[0][1], 10),
        category=ExpenseCategory.INSURANCE,
        amount=180_000,
        description="회장 보증보험 가입",
    )
    services.expense_record(
        complex=hanbit,
        spent_on=date(months[3][0], months[3][1], 12),
        category=ExpenseCategory.TRAINING,
        amount=240_000,
        description="동별 대표자 운영·윤리교육 (6명)",
    )
    # the auditor challenges last month's spending decision (Art. 34): suspended
    challenged = last_resolutions[0]
    rec = services.reconsideration_file(
        resolution=challenged,
        filer_kind=FilerKind.AUDITOR,
        representative_name=reps[1].name,
        violation="사업자 선정 지침의 입찰 절차를 거치지 않았습니다 (관리규약 제55조).",
        proposal="입찰 절차를 거쳐 다시 의결할 것을 요청합니다.",
        now=_kst(today - timedelta(days=10), 10),
    )
    # a rep who has not completed this year's ethics training is suspended (Art. 23⑬)
    services.representative_suspend(
        representative=reps[5],
        reason=SuspensionReason.ETHICS,
        starts_on=today - timedelta(days=3),
        note=f"{today.year}년 윤리교육 4시간 미이수",
    )
    _todays_meeting(hanbit, reps, today, office_user)
    # the upcoming meeting: notice goes out today, the meeting 8 days later
    upcoming = services.meeting_create(
        complex=hanbit,
        kind=MeetingKind.REGULAR,
        starts_at=_kst(today + timedelta(days=8)),
        place="관리동 2층 입주자대표회의실",
        convened_by="회장",
    )
    resident = Membership.objects.get(
        complex=hanbit, role=Role.RESIDENT, user__email="resident@hanbit.demo"
    ).user
    proposals = [
        (
            office_user,
            "manager",
            "관리사무소장",
            "난방 배관 부분 교체 공사",
            ItemCategory.PROJECT,
            48_000_000,
        ),
        (
            resident,
            "residents",
            "101동 입주자 외 14명",
            "단지 내 전기차 충전구역 확대",
            ItemCategory.GENERAL,
            12_000_000,
        ),
    ]
    for by, kind, name, title, category, cost in proposals:
        item = services.item_propose(
            complex=hanbit,
            by=by,
            proposer_kind=kind,
            proposer_name=name,
            title=title,
            category=category,
            motion=f"{title}을(를) 원안대로 의결한다.",
            reason="입주자 요청 및 시설 노후",
            content=f"{title}에 관한 세부 계획",
            legal_basis="관리규약 제29조, 제30조",
        )
        services.item_submit(item=item, cost_estimate=cost)
        services.item_schedule(item=item, meeting=upcoming)
    services.item_schedule(item=rec.redeliberation_item, meeting=upcoming)
    pending = services.item_propose(
        complex=hanbit,
        by=resident,
        proposer_kind="residents",
        proposer_name="103동 입주자",
        title="분리수거장 지붕 설치",
        motion="분리수거장에 지붕을 설치한다.",
        reason="우천 시 불편",
        content="103동 앞 분리수거장",
    )
    del pending
    upcoming.status = MeetingStatus.NOTICED
    upcoming.notice_sent_at = upcoming.notice_posted_at = timezone.now()
    upcoming.save()
    NoticeReceipt.objects.bulk_create(
        NoticeReceipt(
            complex=hanbit, meeting=upcoming, representative=r, sent_at=upcoming.notice_sent_at
        )
        for r in reps
    )


def _todays_meeting(hanbit, reps, today, office_user):
    """An extraordinary meeting held today (noticed 6 days ago, Art. 28①), attendance recorded,
    one item with its vote still open: `council@hanbit.demo` (the chair) can vote on day one
    and sees who has not voted yet before closing the vote (Art. 30, 31③)."""
    noticed = _kst(today - timedelta(days=6), 10)
    meeting = services.meeting_create(
        complex=hanbit,
        kind=MeetingKind.EXTRAORDINARY,
        starts_at=_kst(today, 9),
        place="관리동 2층 입주자대표회의실",
        convened_by="회장",
        now=noticed,
    )
    item = services.item_propose(
        complex=hanbit,
        by=office_user,
        proposer_kind="manager",
        proposer_name="관리사무소장",
        title="승강기 비상통화장치 교체",
        category=ItemCategory.PROJECT,
        motion="101~106동 승강기 비상통화장치를 교체한다.",
        reason="통화 불량 민원 및 안전점검 지적",
        content="승강기 24대 비상통화장치 교체",
        legal_basis="관리규약 제30조",
    )
    services.item_submit(item=item, cost_estimate=9_600_000)
    services.item_schedule(item=item, meeting=meeting)
    services.meeting_send_notice(meeting=meeting, now=noticed)
    present = reps[:5]  # reps[5] is suspended (ethics training) and absent
    services.attendance_record(meeting=meeting, present_ids=[r.pk for r in present])
    for r in present[1:3]:  # two reps have voted; the chair and two others have not
        services.vote_cast(
            item=item, representative=r, choice="yes", by=office_user, is_office=True
        )
    return meeting


def _seed_saebom(saebom, today):
    chair_user = Membership.objects.get(
        complex=saebom, role=Role.COUNCIL, user__email="council@saebom.demo"
    ).user
    term_start = date(today.year - 1, 3, 1)
    wards = list(Ward.objects.filter(complex=saebom).order_by("name"))
    reps = [
        services.representative_seat(
            complex=saebom,
            ward=ward,
            user_or_name=chair_user if i == 0 else ["임하늘", "서도윤"][i - 1],
            term_start=term_start,
            unit=Unit.objects.filter(pk=_owner_unit(saebom, ward).pk).first(),
        )
        for i, ward in enumerate(wards)
    ]
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=term_start)
    services.officer_appoint(representative=reps[1], office=Office.AUDITOR, starts_on=term_start)
    services.officer_appoint(representative=reps[2], office=Office.DIRECTOR, starts_on=term_start)


def seed(base):
    today = timezone.localdate()
    _seed_hanbit(base["hanbit"], today)
    _seed_saebom(base["saebom"], today)
