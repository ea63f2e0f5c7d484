"""The disclosure part of the demo story (../shared/domain/90-demo.md): 40 generated complexes in
강남구, 서초구 and 송파구 with 24 months of fee summaries (no people), hanbit's and saebom's fee
summaries and publications — one late and one missing so the district view has something to flag
— and a resident's copy request. Texts are invented; the identifiers in them are masked on
publication (제64조③ proviso, 제57조③)."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from complexes.models import Complex, HeatingType, ManagementMethod, Membership, Role
from core.models import User

from . import services
from .anomalies import fee_flag
from .duties import DUTIES, Status, add_months, due_on, status_of
from .models import ComparisonProfile, FeeSummary, Publication, RecordRequest, RequestKind

KST = ZoneInfo("Asia/Seoul")
GENERATED_PREFIX = "gen-"
DISTRICTS = [("11680", "강남구", 14), ("11650", "서초구", 13), ("11710", "송파구", 13)]
NAMES = [
    "푸른숲",
    "한강뷰",
    "은행나무",
    "솔빛마을",
    "하늘채",
    "목련",
    "청솔",
    "햇살",
    "느티나무",
    "별빛",
]
VARIANTS = ["아파트", "1단지", "2단지", "파크"]
# won per m² per month, a typical level (central heating adds heating)
LEVELS = {
    "general_admin": 430,
    "cleaning": 220,
    "security": 340,
    "disinfection": 14,
    "elevator_maintenance": 48,
    "repair_maintenance": 65,
    "common_electricity": 95,
    "insurance": 12,
}

# Invented documents: the identifiers in them are what masking must hide.
MINUTES_TEXT = (
    "{title}\n일시: {day} 19:30 · 장소: 관리사무소 회의실\n"
    "참석: 동별 대표자 6명 (정원 7명, 미선출 1명)\n"
    "발언자: 강민호 회장 — 안건 설명.\n"
    "101동 1203호 입주민 박서준 님(010-2345-6789)의 건의사항을 보고함.\n"
    "결정사항: 찬성 5, 반대 1 으로 가결"
)
CONTRACT_TEXT = (
    "경비용역 계약서\n계약상대자: (주)한결보안 대표자: 김태호\n"
    "주민등록번호 700512-1234567 · 연락처 02-555-0198 · 휴대폰 010-8765-4321\n"
    "계약기간: {start} ~ {end} · 계약금액: 월 38,500,000원 (부가세 포함)\n"
    "입주자대표회의 회장: 강민호"
)
SANCTION_TEXT = (
    "행정처분 통지\n처분 대상: 한빛아파트 관리주체\n"
    "처분 내용: 장부 보관 의무 위반으로 과태료 500,000원 부과 (담당자: 이수진, 02-3423-5678)"
)
# a notice as offices write them: every way of writing a unit, a plate, an e-mail, a birth date
COMPLAINTS_TEXT = (
    "민원 처리 결과 (제64조③4)\n"
    "1. 주차 위반 차량 12가3456 (102-804 세대): 차주 hong.demo@example.com 안내 후 이동 완료\n"
    "2. 102동804호 누수: 세대주(생년월일 1985.03.02) 확인 후 103동 704호와 함께 보수 완료\n"
    "3. 서울34나5678 장기 주차: 연락처 +82 10-3456-7890 으로 통보\n"
    "문의: 관리사무소 (2026-10-25 공고, 제34조)"
)
DEMO_DOCUMENTS = [MINUTES_TEXT, CONTRACT_TEXT, SANCTION_TEXT, COMPLAINTS_TEXT]  # masking tests


def _at(day: date, hour=10) -> datetime:
    return datetime.combine(day, time(hour), KST)


def _months(today: date, n: int) -> list[date]:
    last = add_months(today.replace(day=1), -1)
    return [add_months(last, -k) for k in range(n - 1, -1, -1)]


def _pub(complex_, duty, title, event_on, published_on, today, *, period=None, body="", hour=10):
    due = due_on(duty, event_on)
    return Publication(
        complex=complex_,
        duty=duty,
        title=title,
        body=body,
        period=period,
        event_on=event_on,
        due_on=due,
        published_at=_at(published_on, hour) if published_on else None,
        status=status_of(
            duty=duty, due=due, published_on=published_on, posted_until=None, today=today
        ),
    )


def _fee_series(rng, complex_, months, households, area, heating):
    """Generated monthly totals per item, written in one go with their anomaly flags
    (the same rule as services.fee_summaries_store) and a reason for each flag."""
    level = {k: v * rng.uniform(0.8, 1.25) for k, v in LEVELS.items()}
    if heating != HeatingType.INDIVIDUAL:
        level["heating"] = (300 if heating == HeatingType.CENTRAL else 240) * rng.uniform(0.85, 1.2)
    if complex_.management_method == ManagementMethod.COMMISSIONED:
        level["commission"] = 25 * rng.uniform(0.8, 1.2)
    drift = rng.uniform(0.01, 0.04)  # yearly cost increase
    known = {
        (r.period, r.item): r.total
        for r in FeeSummary.objects.filter(complex=complex_, period__gte=add_months(months[0], -12))
    }
    rows = []
    for i, period in enumerate(months):
        totals = {}
        for item, per in level.items():
            v = per * (1 + drift * i / 12) * rng.uniform(0.985, 1.015)
            if item == "heating":
                v *= {12: 2.2, 1: 2.5, 2: 2.0, 3: 1.4, 11: 1.3}.get(period.month, 0.35)
            totals[item] = int(Decimal(str(round(v, 2))) * area)
        totals[services.TOTAL] = sum(totals.values())
        for item, total in totals.items():
            known[(period, item)] = total
            flag = fee_flag(
                total,
                known.get((add_months(period, -1), item)),
                known.get((add_months(period, -12), item)),
            )
            reason = ""
            if flag:
                reason = (
                    "동절기 난방 사용량 변동"
                    if item in ("heating", services.TOTAL)
                    else "용역 단가 조정 (입주자대표회의 의결)"
                )
            rows.append(
                FeeSummary(
                    complex=complex_,
                    period=period,
                    item=item,
                    total=total,
                    per_m2=services.per_m2(total, area),
                    flag=flag,
                    reason=reason,
                )
            )
    FeeSummary.objects.filter(complex=complex_, period__in=months).delete()
    FeeSummary.objects.bulk_create(rows, batch_size=1000)
    services.fees_version_bump()


def _explain_flags(complex_):
    for row in FeeSummary.objects.filter(complex=complex_, reason="").exclude(flag=""):
        row.reason = (
            "동절기 난방 사용량 변동"
            if row.item in ("heating", services.TOTAL)
            else "용역 단가 조정 (입주자대표회의 의결)"
        )
        row.save(update_fields=["reason"])


def _generated(rng, today, months):
    Complex.objects.filter(slug__startswith=GENERATED_PREFIX).delete()
    made = []
    n = 0
    for code, district_name, count in DISTRICTS:
        for k in range(count):
            name = f"{NAMES[n % len(NAMES)]}{VARIANTS[n // len(NAMES)]}"
            # in 강남구, six complexes like hanbit (central heating, 300–999 units, 10–19 years)
            like_hanbit = code == "11680" and k < 6
            heating = (
                HeatingType.CENTRAL
                if like_hanbit
                else rng.choice([HeatingType.CENTRAL, HeatingType.DISTRICT, HeatingType.INDIVIDUAL])
            )
            households = rng.randint(350, 950) if like_hanbit else rng.randint(150, 2000)
            approved = date(
                rng.randint(2008, 2015) if like_hanbit else rng.randint(1988, 2022),
                rng.randint(1, 12),
                15,
            )
            c = Complex.objects.create(
                slug=f"{GENERATED_PREFIX}{n + 1:02d}",
                name=name,
                address=f"서울특별시 {district_name} {name}로 {rng.randint(1, 200)}",
                district_code=code,
                district_name=district_name,
                approved_on=approved,
                heating_type=heating,
                management_method=rng.choice(list(ManagementMethod)),
            )
            area = Decimal(households * rng.randint(70, 110))
            services.profile_refresh(complex=c, households=households, area=area)
            _fee_series(rng, c, months, households, area, heating)
            made.append(c)
            n += 1
    pubs = []
    for c in made:
        for period in months:
            due = due_on("fee_breakdown", period)
            late = rng.random() < 0.03
            published = (
                due + timedelta(days=rng.randint(1, 9))
                if late
                else due - timedelta(days=rng.randint(3, 20))
            )
            if published > today:
                published = None
            pubs.append(
                _pub(
                    c,
                    "fee_breakdown",
                    f"{period:%Y년 %-m월} 관리비 부과명세",
                    period,
                    published,
                    today,
                    period=period,
                )
            )
        for period in months[-6:]:
            published = due_on("misc_income", period) - timedelta(days=rng.randint(0, 15))
            pubs.append(
                _pub(
                    c,
                    "misc_income",
                    f"{period:%Y년 %-m월} 잡수입 현황",
                    period,
                    published if published <= today else None,
                    today,
                    period=period,
                )
            )
        for m in range(1, 7):
            meeting = today - timedelta(days=30 * m + rng.randint(0, 5))
            delay = rng.choice([0, 0, 0, 0, 0, 1, 3])
            pubs.append(
                _pub(
                    c,
                    "council_minutes",
                    f"{meeting:%Y년 %-m월} 정기회의 회의록",
                    meeting,
                    meeting + timedelta(days=delay),
                    today,
                )
            )
        last_year = date(today.year - 1, 1, 1)
        published = None if rng.random() < 0.1 else date(today.year, 3, rng.randint(2, 31))
        pubs.append(
            _pub(
                c,
                "reserve_status",
                f"{last_year.year}년 장기수선충당금 적립·사용 현황",
                last_year,
                published,
                today,
                period=last_year,
            )
        )
    Publication.objects.bulk_create(pubs, batch_size=1000)
    return made


def _complex_fees(rng, complex_, months):
    """Summaries from the fees app's issued runs where they exist; earlier months generated at
    the same level so the comparison has two years."""
    from fees.models import BillingRun, RunStatus

    issued = set(
        BillingRun.objects.filter(complex=complex_, status=RunStatus.ISSUED).values_list(
            "period", flat=True
        )
    )
    for period in sorted(issued):
        services.fee_summary_refresh(complex=complex_, period=period)
    services.profile_refresh(complex=complex_)
    profile = ComparisonProfile.objects.get(complex=complex_)
    missing = [p for p in months if p not in issued]
    if missing:
        _fee_series(rng, complex_, missing, profile.households, profile.area, complex_.heating_type)
    _explain_flags(complex_)


def _hanbit(hanbit, today, months):
    office = (
        Membership.objects.filter(complex=hanbit, role=Role.MANAGER).select_related("user").first()
    )
    by = office.user if office else None
    pubs = []
    for period in months:
        published = add_months(period, 1).replace(day=12)
        pubs.append(
            _pub(
                hanbit,
                "fee_breakdown",
                f"{period:%Y년 %-m월} 관리비 부과명세",
                period,
                published if published <= today else None,
                today,
                period=period,
            )
        )
        if period >= months[-12]:
            mi = add_months(period, 1).replace(day=20)
            pubs.append(
                _pub(
                    hanbit,
                    "misc_income",
                    f"{period:%Y년 %-m월} 잡수입 현황",
                    period,
                    mi if mi <= today else None,
                    today,
                    period=period,
                    body="재활용품 매각, 광고, 알뜰시장 수입과 그 사용 내역",
                )
            )
    Publication.objects.filter(complex=hanbit, duty__in=["fee_breakdown", "misc_income"]).delete()
    Publication.objects.bulk_create(pubs)
    # minutes: the council app records them when its demo has meetings; otherwise invented ones.
    if not Publication.objects.filter(complex=hanbit, duty="council_minutes").exists():
        for m in range(12, 0, -1):
            day = add_months(today, -m).replace(day=min(15, today.day))
            title = f"{day:%Y년 %-m월} 정기회의 회의록"
            received = day + timedelta(days=1)
            # one late: the 3-months-ago minutes went up two days after they were received
            published = received + timedelta(days=2) if m == 3 else received
            services.publication_record(
                complex=hanbit,
                duty="council_minutes",
                title=title,
                body=MINUTES_TEXT.format(title=title, day=f"{day:%Y-%m-%d}"),
                event_on=received,
                published_at=_at(published, 17),
                by=by,
            )
    signed = today - timedelta(days=100)
    services.publication_record(
        complex=hanbit,
        duty="contract",
        title="경비용역 계약서",
        body=CONTRACT_TEXT.format(
            start=f"{signed:%Y-%m-%d}", end=f"{add_months(signed, 24):%Y-%m-%d}"
        ),
        event_on=signed,
        published_at=_at(signed + timedelta(days=12)),
        by=by,
    )
    # the missing one: a contract signed 7 weeks ago, never published (due within 1 month)
    services.publication_record(
        complex=hanbit,
        duty="contract",
        title="승강기 유지보수 용역 계약서",
        event_on=today - timedelta(days=49),
        published_at=None,
        by=by,
    )
    imposed = today - timedelta(days=40)
    sanction = services.publication_record(
        complex=hanbit,
        duty="sanction",
        title="과태료 부과 처분 (장부 보관 의무)",
        body=SANCTION_TEXT,
        event_on=imposed,
        published_at=_at(imposed),
        by=by,
    )
    services.publication_take_down(publication=sanction, on=imposed + timedelta(days=9))
    answered = today - timedelta(days=20)
    services.publication_record(
        complex=hanbit,
        duty="complaint_results",
        title="지난달 민원 처리 결과",
        body=COMPLAINTS_TEXT,
        event_on=answered,
        published_at=_at(answered),
        by=by,
    )
    last_year = today.year - 1
    for duty, title, event_on, body in [
        (
            "reserve_status",
            f"{last_year}년 장기수선충당금 적립·사용 현황 (별지 6)",
            date(last_year, 1, 1),
            "적립 누계, 사용 내역, 잔액",
        ),
        (
            "bylaw",
            "관리규약 (개정 반영)",
            date(today.year, 2, 10),
            "서울특별시 공동주택관리규약 준칙에 따른 한빛아파트 관리규약",
        ),
        (
            "budget",
            f"{today.year}년 사업계획 및 예산",
            date(today.year, 1, 8),
            "관리비 예산 총괄표",
        ),
        (
            "settlement",
            f"{last_year}년 결산서",
            date(today.year, 3, 20),
            "세입·세출 결산, 잡수입 결산",
        ),
        (
            "council_composition",
            "입주자대표회의 구성 현황",
            date(today.year, 1, 5),
            "정원 7명, 선출 6명, 미선출 1명 (제7선거구)",
        ),
        (
            "external_audit",
            f"{last_year}년 외부 회계감사 결과",
            date(today.year, 4, 28),
            "적정 의견",
        ),
    ]:
        at = date(last_year + 1, 3, 25) if duty == "reserve_status" else event_on
        services.publication_record(
            complex=hanbit,
            duty=duty,
            title=title,
            body=body,
            event_on=event_on,
            period=event_on if duty == "reserve_status" else None,
            published_at=_at(at),
            by=by,
        )
    # the upcoming meeting's notice is expected (pending) if the council app did not record it
    services.publication_record(
        complex=hanbit,
        duty="council_meeting_notice",
        title="정기회의 소집 공고 (예정)",
        event_on=today + timedelta(days=9),
        published_at=None,
        by=by,
    )
    resident = User.objects.filter(email="resident@hanbit.demo").first()
    if resident:
        req = RecordRequest.objects.create(
            complex=hanbit,
            requester=resident,
            kind=RequestKind.COPY,
            record_kind="contracts",
            record="승강기 유지보수 용역 입찰 참여업체 제출서류",
        )
        services.record_request_quote(request=req, pages=18)


def _saebom(saebom, today, months):
    pubs = []
    for period in months:
        published = add_months(period, 1).replace(day=15)
        pubs.append(
            _pub(
                saebom,
                "fee_breakdown",
                f"{period:%Y년 %-m월} 관리비 부과명세",
                period,
                published if published <= today else None,
                today,
                period=period,
            )
        )
    Publication.objects.filter(complex=saebom, duty="fee_breakdown").delete()
    Publication.objects.bulk_create(pubs)


def seed(base):
    rng = random.Random(60)
    today = timezone.localdate()
    months = _months(today, 24)
    _generated(rng, today, months)
    for key in ("hanbit", "saebom"):
        _complex_fees(rng, base[key], months)
    _hanbit(base["hanbit"], today, months)
    _saebom(base["saebom"], today, months)
    services.statuses_refresh(on=today)
    assert Publication.objects.filter(complex=base["hanbit"], status=Status.LATE).exists()
    assert Publication.objects.filter(complex=base["hanbit"], status=Status.MISSING).exists()
    assert all(d in DUTIES for d in Publication.objects.values_list("duty", flat=True).distinct())
