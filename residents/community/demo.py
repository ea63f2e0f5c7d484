"""The demo's community life (90-demo.md; issue 20 "Contract for checks"): facilities with
bookings, registered and visitor cars (the register already holds residents' cars), a pending
consent awaiting neighbours, a decided one, and two community groups. Runs after residents.demo
(the register must exist: neighbour consent counts occupied units)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from complexes.models import Membership, ResidentKind, Role, Unit

from .groups_models import MemberKind
from .models import ConsentCase, ConsentDecision, FacilityAccess
from .services import cars, consents, facilities, groups, leases

FACILITIES = [
    # name, description, opens, closes, slot, capacity, fee per slot
    ("헬스장", "러닝머신 6대, 웨이트 기구", time(5), time(23), 60, 8, 0),
    ("독서실", "좌석 30석, 조용히 이용해 주세요", time(6), time(23), 120, 30, 1000),
    ("게스트룸", "방문 가족용 숙소(1박 단위 예약은 관리사무소 문의)", time(10), time(22), 240, 1, 20000),
    ("주민회의실", "최대 12명, 빔프로젝터", time(9), time(21), 60, 1, 5000),
]  # fmt: skip

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민준",
    "서연",
    "도윤",
    "하은",
    "지호",
    "수아",
    "예준",
    "지유",
    "시우",
    "서윤",
    "현우",
    "하린",
]


def _at(day: date, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(base):
    rng = random.Random(20261205)
    today = timezone.localdate()
    for key in ("hanbit", "saebom"):
        complex_ = base[key]
        manager = Membership.objects.get(complex=complex_, role=Role.MANAGER).user
        accounts = list(
            Membership.objects.filter(complex=complex_, role=Role.RESIDENT)
            .select_related("user", "unit__building")
            .order_by("pk")
        )
        rooms = {}
        for name, desc, opens, closes, slot, cap, fee in FACILITIES:
            rooms[name] = facilities.facility_save(
                complex=complex_, by=manager, name=name, description=desc, opens_at=opens,
                closes_at=closes, slot_minutes=slot, capacity=cap, fee_per_slot=fee,
                max_slots_per_day=2 if cap > 1 else 1, book_ahead_days=14,
                access=FacilityAccess.RESIDENTS,
            )  # fmt: skip
        # bookings of the demo households over the coming days
        for i, m in enumerate(accounts[:4]):
            day = today + timedelta(days=1 + i)
            facilities.booking_create(
                facility=rooms["주민회의실"], unit=m.unit, by=m.user,
                starts_at=_at(day, 19), ends_at=_at(day, 20),
            )  # fmt: skip
            facilities.booking_create(
                facility=rooms["헬스장"], unit=m.unit, by=m.user,
                starts_at=_at(day, 7), ends_at=_at(day, 8),
            )  # fmt: skip
        if accounts:
            m = accounts[0]
            facilities.booking_create(
                facility=rooms["게스트룸"], unit=m.unit, by=m.user,
                starts_at=_at(today + timedelta(days=3), 14),
                ends_at=_at(today + timedelta(days=3), 18),
            )  # fmt: skip
        # visitor cars: today and later this week
        for i, m in enumerate(accounts[:3]):
            cars.visitor_register(
                unit=m.unit, plate=f"{rng.randint(10, 399)}{rng.choice('가나다라마')}{rng.randint(1000, 9999)}",
                visit_from=today + timedelta(days=i), visit_until=today + timedelta(days=i + 1),
                purpose=rng.choice(["가족 방문", "이사 도움", "지인 방문"]), by=m.user,
            )  # fmt: skip
        owner = next((m for m in accounts if m.resident_kind == ResidentKind.OWNER), None)
        if owner is not None:
            _consents(complex_, owner, manager)
        _groups(complex_, rng, accounts, manager, today)
        _insurance_and_daycare(complex_, manager, today)
    return base


def _insurance_and_daycare(complex_, manager, today):
    """Art. 72 policies (the fire policy due for renewal within 30 days) and the daycare
    commission (Art. 66) within its rent rule."""
    leases.insurance_policy_record(
        complex=complex_, by=manager, kind="fire", insurer="한화손해보험", policy_no=f"{complex_.slug}-F",
        insured_objects="건물·부대시설·복리시설, 실화책임", starts_on=today - timedelta(days=345),
        ends_on=today + timedelta(days=20), premium=4_800_000,
    )  # fmt: skip
    leases.insurance_policy_record(
        complex=complex_, by=manager, kind="facility", insurer="DB손해보험", policy_no=f"{complex_.slug}-L",
        insured_objects="어린이놀이터, 승강기, 주민운동시설, 작은도서관", starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=265), premium=1_200_000,
    )  # fmt: skip
    start = date(today.year - 1, 3, 1)
    leases.daycare_lease_record(
        complex=complex_, by=manager, method="commission", operator="해맑은어린이집 (원장 정수진)",
        classes=[{"age": "만0세", "capacity": 3, "fee": 514_000}, {"age": "만1세", "capacity": 5, "fee": 452_000},
                 {"age": "만2세", "capacity": 7, "fee": 375_000}],
        deposit=10_000_000, monthly_rent=150_000, rate_bp=350, rate_bank="국민은행",
        rate_on=date(today.year - 1, 2, 1), starts_on=start,
        ends_on=date(start.year + 3, 3, 1) - timedelta(days=1), method_vote="주민투표: 전체 세대 과반수 찬성 (위탁)",
    )  # fmt: skip


def _consents(complex_, owner, manager):
    """A pet application awaiting its neighbours (Art. 65 table D 3가), some of whom answered;
    and an outdoor-unit one decided (table D 4)."""
    app = consents.consent_apply(
        unit=owner.unit, by=owner.user, case=ConsentCase.PET,
        description="소형견(말티즈) 1마리를 키우려 합니다. 산책 시 목줄과 배변 봉투를 챙기겠습니다.",
    )  # fmt: skip
    rows = list(app.neighbours.filter(in_group=True).order_by("pk"))
    for row in rows[: max(len(rows) // 2 - 1, 1)]:
        consents.neighbour_answer(
            application=app, unit=row.unit, answer=True, by=manager, written=True,
            signer_name="서면 동의서",
        )  # fmt: skip
    fixture = consents.consent_apply(
        unit=owner.unit, by=owner.user, case=ConsentCase.FIXTURE,
        description="거실 창호를 같은 규격·색상으로 교체합니다.",
    )  # fmt: skip
    consents.consent_decide(
        application=fixture, decision=ConsentDecision.CONSENT, reasons="동일 규격 확인", by=manager
    )


def _groups(complex_, rng, accounts, manager, today):
    units = list(Unit.objects.filter(complex=complex_).order_by("pk")[:40])
    if len(units) < 12:
        return

    def members(n, offset, experts=0):
        rows = [
            {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "unit": units[offset + i],
             "kind": MemberKind.RESIDENT, "position": "회장" if i == 0 else "회원",
             "is_representative": i == 0}
            for i in range(n)
        ]  # fmt: skip
        rows += [
            {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "kind": MemberKind.EXPERT,
             "position": "자문"}
            for _ in range(experts)
        ]  # fmt: skip
        return rows

    by = accounts[0].user if accounts else manager
    garden = groups.group_file(
        complex=complex_, by=by, name="푸른텃밭 모임", purpose="옥상 텃밭을 함께 가꾸며 이웃과 교류",
        formed_on=today - timedelta(days=200), main_activities="주말 텃밭 가꾸기, 수확 나눔 장터",
        members=members(12, 0, experts=1),
    )  # fmt: skip
    groups.group_decide(
        group=garden, approve=True, resolution="제7차 정기회의 제3호 안건", by=manager,
        on=today - timedelta(days=180),
    )  # fmt: skip
    funding = groups.funding_request(
        group=garden, purpose="모종·퇴비 구입", requested_amount=800_000,
        requested_on=today - timedelta(days=60), cost_basis="모종 300,000원, 퇴비 500,000원",
    )  # fmt: skip
    groups.funding_notify(
        funding=funding, amount=600_000, resolution="제9차 정기회의 제2호 안건",
        on=today - timedelta(days=40),
    )  # fmt: skip
    groups.funding_apply(funding=funding, on=today - timedelta(days=35))
    groups.funding_publish(funding=funding, on=today - timedelta(days=34))
    groups.funding_transfer(funding=funding, on=today - timedelta(days=22))
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)  # last month
    for day, amount, item, kind in [
        (3, 180_000, "상추·고추 모종", "card"),
        (17, 240_000, "퇴비 20포", "tax"),
    ]:
        groups.expense_record(
            group=garden, by=manager, spent_on=month.replace(day=day), amount=amount, item=item,
            receipt_kind=kind, reported_before=True,
        )  # fmt: skip
    groups.report_publish(
        group=garden,
        kind="monthly",
        period=month,
        by=manager,
        on=min(today, groups.monthly_due(month) - timedelta(days=1)),
    )
    groups.group_file(
        complex=complex_, by=by, name="책읽는 이웃", purpose="독서 토론과 어린이 책 읽어주기",
        formed_on=today - timedelta(days=10), main_activities="월 2회 독서 모임, 주말 책 읽어주기",
        members=members(11, 15),
    )  # fmt: skip
