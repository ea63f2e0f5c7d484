"""Demo: hanbit's long-term repair plan (~30 components, four phases), a review two years ago
with the adjustment it led to, the reserve's opening balance and one executed usage plan
(../shared/domain/90-demo.md). Runs before the fees demo so its bills carry the reserve line."""

from datetime import date, datetime, timedelta
from fractions import Fraction
from math import floor
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from complexes.models import Membership, Role
from council.models import ItemCategory, Resolution
from council.selectors import resolution_is_effective

from . import services
from .models import PlanReview, PlanRevision, RepairPlan
from .plan.projection import schedule_for
from .selectors import current_revision

HEADER = "component,category,method,cycle_years,first_year,repair_rate,quantity,unit,unit_cost\n"
# (name, category, method, cycle, first year, rate %, quantity, unit, unit cost in won)
HANBIT_COMPONENTS = [
    ("옥상 방수", "exterior", "full", 15, 2025, 100, 6200, "㎡", 24000),
    ("외벽 도장", "exterior", "full", 8, 2017, 100, 52000, "㎡", 2200),
    ("지붕 마감재", "exterior", "partial", 10, 2019, 30, 3100, "㎡", 32500),
    ("창호 실링", "exterior", "partial", 10, 2020, 50, 14000, "m", 4000),
    ("공용 창호 교체", "exterior", "full", 30, 2039, 100, 1200, "개", 210000),
    ("계단실 도장", "interior", "full", 5, 2014, 100, 18000, "㎡", 1500),
    ("복도·계단 바닥", "interior", "partial", 12, 2021, 40, 9000, "㎡", 19000),
    ("공용 출입문 교체", "interior", "full", 20, 2029, 100, 36, "개소", 1400000),
    ("수변전설비(변압기)", "electrical", "full", 25, 2034, 100, 4, "대", 47500000),
    ("비상발전기", "electrical", "partial", 15, 2024, 50, 2, "대", 60000000),
    ("간선 케이블", "electrical", "full", 30, 2039, 100, 1, "식", 190000000),
    ("공용 조명 LED 교체", "electrical", "full", 15, 2023, 100, 2400, "개", 42500),
    ("피뢰설비", "electrical", "full", 25, 2034, 100, 6, "동", 4500000),
    ("승강기 전면 교체", "electrical", "full", 25, 2034, 100, 12, "대", 135000000),
    ("승강기 권상기 수리", "electrical", "partial", 15, 2024, 50, 12, "대", 14000000),
    ("자동화재탐지설비", "electrical", "full", 20, 2029, 100, 600, "세대", 220000),
    ("소화펌프", "electrical", "full", 20, 2029, 100, 4, "대", 9000000),
    ("CCTV 설비", "electrical", "full", 10, 2019, 100, 180, "대", 320000),
    ("홈네트워크 설비", "electrical", "full", 20, 2029, 100, 600, "세대", 200000),
    ("급수펌프", "plumbing", "full", 10, 2019, 100, 6, "대", 7000000),
    ("저수조 보수", "plumbing", "partial", 15, 2024, 50, 2, "기", 30000000),
    ("급수 배관 교체", "plumbing", "full", 30, 2039, 100, 600, "세대", 600000),
    ("오수·배수 배관", "plumbing", "partial", 25, 2034, 30, 600, "세대", 900000),
    ("가스 배관 도장", "plumbing", "full", 10, 2019, 100, 6, "동", 4000000),
    ("환기설비(지하주차장)", "plumbing", "full", 20, 2029, 100, 24, "대", 3250000),
    ("보일러(중앙난방)", "heating", "full", 15, 2024, 100, 3, "대", 75000000),
    ("난방 순환펌프", "heating", "full", 10, 2019, 100, 8, "대", 4750000),
    ("난방·급탕 배관", "heating", "partial", 20, 2029, 40, 600, "세대", 750000),
    ("단지 내 도로 포장", "outdoor", "partial", 10, 2020, 50, 9000, "㎡", 21000),
    ("어린이 놀이터", "outdoor", "full", 15, 2025, 100, 2, "개소", 42500000),
    ("조경 시설물", "outdoor", "partial", 8, 2018, 30, 1, "식", 75000000),
]
HANBIT_PHASES = [  # Art. 83① default rates 15 / 30 / 30 / 25 %, four 10-year phases
    "2010-01:2019-12:15",
    "2020-01:2029-12:30",
    "2030-01:2039-12:30",
    "2040-01:2049-12:25",
]


def _csv(rows) -> bytes:
    return (HEADER + "".join(",".join(str(v) for v in r) + "\n" for r in rows)).encode()


def _backdate(revision, day: date):
    when = datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    PlanRevision.objects.filter(pk=revision.pk).update(created_at=when)


def seed(base):
    hanbit = base["hanbit"]
    today = timezone.localdate()
    manager = _office(hanbit)
    # Revision 1 (established with the use approval) and 2 (the bylaw's phases).
    first = services.plan_import(
        complex=hanbit,
        data=_csv(HANBIT_COMPONENTS),
        filename="hanbit-plan.csv",
        start_month=date(2010, 1, 1),
        end_month=date(2049, 12, 1),
        reason="사업주체 수립 계획 인계 (사용검사 시 제출)",
    ).revision
    RepairPlan.objects.filter(complex=hanbit).update(established_on=date(2009, 6, 30))
    _backdate(first, date(2009, 7, 15))
    phased = services.phases_set(
        complex=hanbit,
        specs=services.parse_phase_specs(HANBIT_PHASES),
        reason="관리규약 제83조① 연차별 적립요율",
    )
    _backdate(phased, date(2009, 7, 20))
    # The 3-yearly review two years ago, and the adjustment the council resolved after it.
    reviewed_on = date(today.year - 2, today.month, 1)
    services.review_record(
        complex=hanbit,
        reviewed_on=reviewed_on,
        findings="승강기 교체 단가 상승(1억3,500만원 → 1억4,500만원), 외벽 도장 주기 8년 유지, "
        "어린이 놀이터 안전기준 강화로 교체 범위 확대. 그 밖의 항목은 현행 유지.",
        adjusted=True,
        by=manager,
    )
    revision = current_revision(complex=hanbit)
    components = {c.name: c for c in revision.components.all()}
    adjusted = services.plan_adjust(
        complex=hanbit,
        by=manager,
        reason=f"{reviewed_on.year}년 정기 검토 결과 조정 (입주자대표회의 의결)",
        change={
            components["승강기 전면 교체"].pk: {"unit_cost": 145_000_000},
            components["어린이 놀이터"].pk: {"quantity": 3},
        },
        resolution_ref=f"{reviewed_on.year}년 정기회의 의결",
        owners_consent=True,
    )
    _backdate(adjusted, reviewed_on + timedelta(days=20))
    PlanReview.objects.filter(complex=hanbit).update(revision=adjusted)
    services.settings_update(complex=hanbit, minimum_price_per_m2=0)

    # The reserve brought forward before the portal's bills (13 months up to last month):
    # about 90 % of what the plan says should be there.
    first_billed = _months_back(today, 13)
    schedule = schedule_for(complex=hanbit, revision=adjusted)
    scheduled = sum(
        (
            schedule.planned_month(m)
            for m in schedule.months(schedule.start_month, _months_back(first_billed, 1))
        ),
        Fraction(0),
    )
    works = sum(
        (
            c.occurrence_cost * len(c.occurrence_years(2010, first_billed.year - 1))
            for c in schedule.components
        ),
        Fraction(0),
    )
    opening = max(floor((scheduled - works) * Fraction(9, 10)), 0)
    services.entry_record(
        complex=hanbit,
        kind="opening",
        entry_date=_months_back(first_billed, 1),
        amount=opening or 1,
        memo="포털 도입 전 적립 잔액 이월",
        by=manager,
    )
    services.entry_record(
        complex=hanbit,
        kind="interest",
        entry_date=date(today.year - 1, 12, 31),
        amount=floor(opening * Fraction(2, 100)) or 1,
        memo="정기예금 이자",
    )
    services.entry_record(
        complex=hanbit,
        kind="meter",
        entry_date=_months_back(today, 5),
        amount=3_600_000,
        memo="수도 계량기 검정 만료 교체 60개 (제63조④)",
    )
    _usage_plan(hanbit, components_by_name(adjusted), manager, today)


def components_by_name(revision):
    return {c.name: c for c in revision.components.all()}


def _months_back(day: date, n: int) -> date:
    i = day.year * 12 + day.month - 1 - n
    return date(i // 12, i % 12 + 1, 1)


def _office(complex_):
    m = Membership.objects.filter(complex=complex_, role=Role.MANAGER).select_related("user")
    return m.first().user if m.exists() else None


def _usage_plan(hanbit, components, manager, today):
    """The roof waterproofing of the plan's 2025 occurrence: drafted, resolved by the council
    (council demo's "장기수선충당금 사용계획(옥상 방수)"), contracted and paid."""
    roof = components["옥상 방수"]
    plan = services.usage_plan_create(
        complex=hanbit,
        by=manager,
        title="옥상 방수 공사 (101~106동)",
        component=roof,
        reason="장기수선계획 수선주기 15년 도래, 누수 민원 발생(104동·106동 최상층)",
        description="기존 우레탄 방수층 철거 후 복합 시트 방수, 배수구 정비",
        location="101~106동 옥상",
        period_start=_months_back(today, 4),
        period_end=_months_back(today, 3),
        estimated_amount=148_800_000,
        procurement="competitive",
    )
    resolution = (
        Resolution.objects.filter(
            complex=hanbit, item__category=ItemCategory.USAGE_PLAN, passed=True
        )
        .order_by("-decided_at")
        .first()
    )
    if resolution is None or not resolution_is_effective(resolution=resolution):
        return plan  # the council demo did not resolve it: the plan stays a draft
    services.usage_plan_approve(usage_plan=plan, resolution=resolution)
    decided = timezone.localtime(resolution.decided_at).date()
    contracted_on = decided + timedelta(days=21)
    services.usage_plan_contract(
        usage_plan=plan, contractor="(주)한결방수", amount=139_500_000, contracted_on=contracted_on
    )
    services.spending_record(
        usage_plan=plan,
        entry_date=contracted_on + timedelta(days=10),
        amount=41_850_000,
        memo="옥상 방수 선급금 30%",
        by=manager,
    )
    services.spending_record(
        usage_plan=plan,
        entry_date=contracted_on + timedelta(days=60),
        amount=97_650_000,
        memo="옥상 방수 준공금",
        final=True,
        by=manager,
    )
    for kind, caption in (
        ("drawing", "옥상 방수 상세도"),
        ("photo_before", "공사 전 104동 옥상"),
        ("photo_after", "공사 후 104동 옥상"),
    ):
        services.document_add(
            usage_plan=plan,
            kind=kind,
            file=ContentFile(f"{caption} (데모 파일)".encode(), name=f"{kind}.txt"),
            caption=caption,
            by=manager,
        )
    return plan
