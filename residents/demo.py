"""The demo's registers, complaints and notices (../shared/domain/90-demo.md). All names are
invented from syllable lists; nothing resembles a real person."""

import io
import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from complexes.models import Building, Membership, ResidentKind, Role, Unit, Ward

from .models import (
    Audience,
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintEvent,
    ComplaintStatus,
    DisputeStep,
    EventKind,
    HouseholdMember,
    Notice,
    Occupancy,
    ResidentSettings,
    StatutoryKind,
    Vehicle,
    VoterBasis,
    VoterDesignation,
)

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민준",
    "서연",
    "도윤",
    "하은",
    "시우",
    "지우",
    "예준",
    "수아",
    "주원",
    "지호",
    "서준",
    "하린",
    "은우",
    "채원",
    "유진",
    "현우",
    "다은",
    "준서",
    "소율",
    "건우",
]
CAR_TYPES = ["쏘나타", "아반떼", "그랜저", "K5", "투싼", "모닝", "카니발", "스포티지", ""]
PLATE_LETTERS = "가나다라마바사아자하거너더러머버서어저고노도로모보소오조구누두루무부수우주"


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _phone(rng):
    return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"


def _plate(rng):
    return f"{rng.randint(10, 399)}{rng.choice(PLATE_LETTERS)}{rng.randint(1000, 9999)}"


def _aware(day: date, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _register(complex_, rng, today):
    """Every unit has an owner household; about one in five is let to a lessee."""
    units = list(Unit.objects.filter(complex=complex_).select_related("building"))
    accounts = {
        (m.unit_id, m.resident_kind): m
        for m in Membership.objects.filter(complex=complex_, role=Role.RESIDENT)
    }
    approved = complex_.approved_on
    occupancies = []
    for unit in units:
        lessee_account = accounts.get((unit.pk, ResidentKind.LESSEE))
        owner_account = accounts.get((unit.pk, ResidentKind.OWNER))
        owner_in = approved + timedelta(days=rng.randint(0, (today - approved).days - 400))
        if owner_account is not None:  # the demo logins see the unit's whole bill history
            owner_in = approved + timedelta(days=30)
        owner = Occupancy(
            complex=complex_,
            unit=unit,
            kind=ResidentKind.OWNER,
            moved_in_on=owner_in,
            name=_name(rng),
            birth_date=date(rng.randint(1950, 1990), rng.randint(1, 12), rng.randint(1, 28)),
            phone=_phone(rng),
            consent_on=owner_in,
            membership=owner_account,
        )
        occupancies.append(owner)
        if lessee_account is not None or rng.random() < 0.2:
            lessee_in = today - timedelta(
                days=rng.randint(60, 700) if lessee_account is None else 730
            )
            occupancies.append(
                Occupancy(
                    complex=complex_,
                    unit=unit,
                    kind=ResidentKind.LESSEE,
                    moved_in_on=max(lessee_in, owner_in + timedelta(days=1)),
                    name=_name(rng),
                    phone=_phone(rng),
                    consent_on=lessee_in,
                    owner_name=owner.name,
                    owner_phone=owner.phone,
                    owner_address="서울특별시 서초구 반포대로 1",
                    membership=lessee_account,
                )
            )
    Occupancy.objects.bulk_create(occupancies, batch_size=1000)
    vehicles, members = [], []
    for o in occupancies:
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            vehicles.append(
                Vehicle(
                    complex=complex_, occupancy=o, plate=_plate(rng), car_type=rng.choice(CAR_TYPES)
                )
            )
        if rng.random() < 0.5:
            members.append(
                HouseholdMember(complex=complex_, occupancy=o, relation="배우자", name=_name(rng))
            )
    Vehicle.objects.bulk_create(vehicles, batch_size=2000)
    HouseholdMember.objects.bulk_create(members, batch_size=2000)
    return occupancies


def _history(complex_, unit, rng, today):
    """A former lessee of `unit` who moved out and whose fees were settled (kept for the
    retention period, then erased by the purge task)."""
    current = Occupancy.objects.filter(
        complex=complex_, unit=unit, kind=ResidentKind.LESSEE
    ).first()
    end = current.moved_in_on if current else today - timedelta(days=90)
    Occupancy.objects.create(
        complex=complex_,
        unit=unit,
        kind=ResidentKind.LESSEE,
        moved_in_on=end - timedelta(days=730),
        moved_out_on=end,
        settled_on=end + timedelta(days=20),
        name=_name(rng),
        phone=_phone(rng),
        consent_on=end - timedelta(days=730),
        memo="전출 · 중간정산 완료",
    )


def _png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (210, 220, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 280, 200), outline=(90, 90, 120), width=6)
    draw.ellipse((130, 90, 190, 150), fill=(120, 150, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


COMPLAINTS = [
    # (category, title, body)
    ("facility", "욕실 천장 누수", "윗집 욕실 쪽에서 물이 떨어집니다."),
    ("facility", "현관 자동문 고장", "동 현관 자동문이 닫히지 않습니다."),
    ("facility", "승강기 버튼 불량", "12층 버튼이 눌리지 않습니다."),
    ("noise", "밤늦게 뛰는 소리", "밤 11시 이후 아이들이 뛰는 소리가 매일 들립니다."),
    ("noise", "새벽 세탁기 소음", "새벽 5시에 세탁기 소리가 납니다."),
    ("smoking", "베란다 담배 냄새", "저녁마다 아래층에서 담배 냄새가 올라옵니다."),
    ("smoking", "계단실 흡연", "비상계단에서 흡연하는 분이 있습니다."),
    ("parking", "이중주차 차량", "지하 2층 이중주차로 출차가 어렵습니다."),
    ("parking", "외부 차량 장기 주차", "등록되지 않은 차량이 일주일째 서 있습니다."),
    ("cleaning", "분리수거장 정리", "분리수거장이 넘쳐 있습니다."),
    ("cleaning", "복도 물청소 요청", "복도에 얼룩이 심합니다."),
    ("security", "택배 분실", "경비실 앞 택배가 없어졌습니다."),
    ("security", "야간 순찰 요청", "놀이터에 밤늦게 사람들이 모입니다."),
    ("fees", "관리비 난방비 문의", "지난달 난방비가 많이 나왔습니다."),
    ("fees", "자동이체 변경", "자동이체 계좌를 바꾸고 싶습니다."),
    ("other", "헬스장 운영시간", "주말 운영시간을 늘려 주세요."),
]
RESULTS = {
    "facility": "업체 수리 완료, 재발 시 다시 알려 주세요.",
    "noise": "해당 세대에 안내문 전달 및 방송 실시.",
    "smoking": "해당 동 흡연 자제 안내문 게시.",
    "parking": "차주에게 연락해 이동 조치.",
    "cleaning": "미화원 추가 배치로 정리 완료.",
    "security": "CCTV 확인 후 경비 순찰 강화.",
    "fees": "부과 내역 설명 및 계량기 검침값 재확인.",
    "other": "입주자대표회의에 건의 안건으로 전달.",
}


def _complaints(complex_, rng, today, count, people, office, units):
    """`count` complaints over the last year in every state and category, with histories."""
    statuses = [ComplaintStatus.CLOSED] * 6 + [
        ComplaintStatus.RECEIVED,
        ComplaintStatus.ACKNOWLEDGED,
        ComplaintStatus.IN_PROGRESS,
    ]
    complaints, plans = [], []
    for i in range(count):
        category, title, body = COMPLAINTS[i % len(COMPLAINTS)]
        days_ago = int(365 * (count - i) / count)
        filed_on = today - timedelta(days=days_ago)
        status = (
            statuses[i % len(statuses)]
            if days_ago > 20
            else rng.choice([*statuses[-3:], ComplaintStatus.CLOSED])
        )
        filer, unit = people[i % len(people)]
        channel = (
            ComplaintChannel.ONLINE
            if i % 4
            else rng.choice([ComplaintChannel.PHONE, ComplaintChannel.VISIT])
        )
        if filer is None:
            unit = rng.choice(units)
        common = category in ("parking", "cleaning", "security") and i % 2 == 0
        filed_at = _aware(filed_on, rng.randint(8, 21), rng.randint(0, 59))
        c = Complaint(
            complex=complex_,
            unit=None if common else unit,
            common_area=common,
            location="지하주차장"
            if common and category == "parking"
            else ("분리수거장" if common else ""),
            category=category,
            title=title,
            body=body,
            channel=channel,
            filed_by=filer if channel == ComplaintChannel.ONLINE else None,
            reporter_name="" if channel == ComplaintChannel.ONLINE else "방문 민원인",
            status=status,
            filed_at=filed_at,
        )
        if status != ComplaintStatus.RECEIVED:
            c.acknowledged_at = filed_at + timedelta(hours=rng.randint(1, 30))
        if status in (ComplaintStatus.IN_PROGRESS, ComplaintStatus.CLOSED):
            c.assignee = office
        if status == ComplaintStatus.CLOSED:
            c.closed_at = filed_at + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8))
            c.result = RESULTS[category]
        if category in ("noise", "smoking") and not common and status != ComplaintStatus.RECEIVED:
            c.source_unit = rng.choice([u for u in units if u.pk != unit.pk])
        complaints.append(c)
        plans.append((c, filer))
    Complaint.objects.bulk_create(complaints)
    events = []
    for c, filer in plans:

        def ev(kind, at, text="", c=c, **kw):
            events.append(
                ComplaintEvent(
                    complex=complex_,
                    complaint=c,
                    kind=kind,
                    text=text,
                    created_at=at,
                    notified_at=at,
                    **kw,
                )
            )

        ev(
            EventKind.FILED,
            c.filed_at,
            f"{c.get_channel_display()} 접수",
            actor=filer,
            by_office=filer is None,
        )
        if c.acknowledged_at:
            ev(
                EventKind.ACKNOWLEDGED,
                c.acknowledged_at,
                "관리사무소가 민원을 확인했습니다.",
                actor=office,
                by_office=True,
            )
        if c.assignee_id:
            ev(
                EventKind.ASSIGNED,
                c.acknowledged_at + timedelta(minutes=30),
                f"담당자: {office.name}",
                actor=office,
                by_office=True,
            )
            ev(
                EventKind.ACTION,
                c.acknowledged_at + timedelta(hours=5),
                "현장 확인",
                actor=office,
                by_office=True,
            )
            if filer is not None:
                ev(
                    EventKind.COMMENT,
                    c.acknowledged_at + timedelta(hours=8),
                    "확인 감사합니다.",
                    actor=filer,
                )
        if c.source_unit_id:
            steps = (
                [
                    DisputeStep.INVESTIGATED,
                    DisputeStep.STOP_REQUESTED,
                    DisputeStep.COMMITTEE_REFERRED,
                    DisputeStep.COMMITTEE_MEETING,
                ]
                if c.category == "noise"
                else [DisputeStep.SMOKING_STOP_RECOMMENDED]
            )
            if c.status == ComplaintStatus.CLOSED and c.category == "smoking":
                steps.append(DisputeStep.GUIDED_TO_DISPUTE_BODY)
            steps = steps[: 1 + (c.pk % len(steps))]
            at = c.acknowledged_at
            for step in steps:
                at = at + timedelta(days=2)
                ev(
                    EventKind.DISPUTE_STEP,
                    at,
                    DisputeStep(step).label,
                    step=step,
                    happened_on=timezone.localtime(at).date(),
                    actor=office,
                    by_office=True,
                )
            c.dispute_step = steps[-1]
            c.save(update_fields=["dispute_step"])
        if c.closed_at:
            ev(EventKind.CLOSED, c.closed_at, c.result, actor=office, by_office=True)
    ComplaintEvent.objects.bulk_create(events, batch_size=1000)
    return complaints


def _notices(complex_, rng, today, office, building, ward):
    day = lambda n: _aware(today - timedelta(days=n), 9)  # noqa: E731
    rows = [
        (
            "관리사무소 운영시간 안내",
            "평일 09:00~18:00, 토요일 09:00~13:00 운영합니다.",
            {"pinned": True, "publish_at": day(200)},
        ),
        (
            "층간소음 예방 안내 (제68조)",
            "오후 10시부터 오전 6시까지 뛰기, 가구 끌기, 악기 연주, 운동기구 사용을 삼가 주세요.",
            {
                "statutory_kind": StatutoryKind.NOISE_PREVENTION,
                "due_on": today - timedelta(days=88),
                "publish_at": day(90),
            },
        ),
        (
            "정기 입주자대표회의 소집 공고",
            "다음 달 5일 19시, 관리사무소 회의실. 안건: 예산 집행 현황, 주차장 개선.",
            {
                "statutory_kind": StatutoryKind.COUNCIL_MEETING,
                "due_on": today - timedelta(days=3),
                "publish_at": day(6),
            },
        ),
        (
            "지난달 입주자대표회의 회의록 공개",
            "회의록을 첨부합니다.",
            {
                "statutory_kind": StatutoryKind.MINUTES,
                "due_on": today - timedelta(days=20),
                "publish_at": day(17),
            },
        ),
        (
            "승강기 정기 점검 (101동)",
            "101동 승강기를 다음 주 화요일 10~12시에 점검합니다.",
            {"audience": Audience.BUILDING, "building": building, "publish_at": day(2)},
        ),
        (
            "제1선거구 동별 대표자 선거 안내",
            "제1선거구 입주자등께 선거 일정을 알려 드립니다.",
            {"audience": Audience.WARD, "ward": ward, "publish_at": day(10)},
        ),
        (
            "겨울철 동파 예방",
            "외출 시 보일러를 외출 모드로 두세요.",
            {"publish_at": day(40), "expires_at": day(5)},
        ),
        (
            "단지 소독 안내",
            "다음 주 월~수 세대 소독을 실시합니다.",
            {"publish_at": _aware(today + timedelta(days=3), 9)},
        ),
    ]
    Notice.objects.bulk_create(
        Notice(complex=complex_, title=title, body=body, author=office, **extra)
        for title, body, extra in rows
    )


def seed(base):
    rng = random.Random(20261122)
    today = timezone.localdate()
    for key, count in (("hanbit", 40), ("saebom", 12)):
        complex_ = base[key]
        ResidentSettings.objects.get_or_create(complex=complex_)
        occupancies = _register(complex_, rng, today)
        office = Membership.objects.get(complex=complex_, role=Role.MANAGER).user
        accounts = list(
            Membership.objects.filter(complex=complex_, role=Role.RESIDENT).select_related(
                "user", "unit"
            )
        )
        lessee_unit = next(m.unit for m in accounts if m.resident_kind == ResidentKind.LESSEE)
        _history(complex_, lessee_unit, rng, today)
        # a co-owned unit with its written voter designation (Art. 12① 단서)
        co_owned = next(
            o for o in occupancies if o.kind == ResidentKind.OWNER and o.membership_id is None
        )
        HouseholdMember.objects.create(
            complex=complex_, occupancy=co_owned, relation="공유자", name=_name(rng)
        )
        VoterDesignation.objects.create(
            complex=complex_,
            unit=co_owned.unit,
            occupancy=co_owned,
            voter_name=co_owned.name,
            basis=VoterBasis.CO_OWNER,
            valid_from=co_owned.moved_in_on,
            recorded_by=office,
        )
        units = list(Unit.objects.filter(complex=complex_).select_related("building")[:200])
        people = [(m.user, m.unit) for m in accounts] + [(None, None)] * 2
        complaints = _complaints(complex_, rng, today, count, people, office, units)
        photo = next(
            c for c in complaints if c.category == ComplaintCategory.FACILITY and c.filed_by_id
        )
        attachment = ComplaintAttachment(
            complex=complex_,
            complaint=photo,
            original_name="누수.png",
            content_type="image/png",
            size=0,
            uploaded_by=photo.filed_by,
        )
        data = _png()
        attachment.size = len(data)
        attachment.file.save("누수.png", ContentFile(data), save=False)
        attachment.save()
        building = Building.objects.filter(complex=complex_).order_by("name").first()
        ward = Ward.objects.filter(complex=complex_).order_by("name").first()
        _notices(complex_, rng, today, office, building, ward)
        if key == "hanbit":
            _newcomers(complex_, office)


# Joining (issue 12 [1/9]): a paper code printed and not yet used, for an owner whose name is in
# the register (README "Demo logins"), and a newcomer whose name the register does not have,
# waiting on the office's approval page.
DEMO_JOIN_CODE = "HANBT-NEW23"
DEMO_JOIN_UNIT = ("106", "1803")
DEMO_JOIN_NAME = "정새봄"


def _newcomers(complex_, office):
    from django.contrib.auth import get_user_model

    from complexes.demo import DEMO_PASSWORD
    from complexes.join_codes import join_code_issue

    from .joining.services import join_by_code

    unit = Unit.objects.get(
        complex=complex_, building__name=DEMO_JOIN_UNIT[0], number=DEMO_JOIN_UNIT[1]
    )
    Occupancy.objects.filter(unit=unit, kind=ResidentKind.LESSEE, membership__isnull=True).delete()
    Occupancy.objects.filter(unit=unit, kind=ResidentKind.OWNER).update(name=DEMO_JOIN_NAME)
    join_code_issue(unit=unit, by=office, code=DEMO_JOIN_CODE)

    let = (
        Occupancy.objects.filter(
            complex=complex_,
            kind=ResidentKind.LESSEE,
            membership__isnull=True,
            unit__building__name="105",
        )
        .order_by("unit__floor", "unit__number")
        .first()
    )
    newcomer = get_user_model().objects.create_user(
        email="newcomer@hanbit.demo", password=DEMO_PASSWORD, name="박새집"
    )
    issued = join_code_issue(unit=let.unit, by=office)
    join_by_code(user=newcomer, code=issued.code, name="박새집")  # not in the register: waits
