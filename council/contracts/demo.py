"""The contracts part of the demo story: hanbit's finished tender for elevator maintenance (3
bids scored with 별지 9, awarded, contracted and published), the management contract nearing its
re-contract deadline (Art. 58: E − 60 within a month), the cleaning contractor due for its
별지 10 evaluation, and last year's external audit report, published with one finding open.
All companies and people invented."""

from datetime import date, timedelta

from django.utils import timezone

from council.models import ItemCategory, Resolution

from . import audits, services

SECTIONS = {
    "1": "표본 추출에 의한 장부·증빙 대조, 관리비 부과 재계산, 은행 잔액 조회",
    "2": "잡수입 계정 일부 증빙 누락(2건)",
    "3": "재무제표는 중요성 관점에서 적정하게 표시하고 있음",
    "4": "해당 없음",
    "5": "사업보고서는 법령과 입주자대표회의 의결에 따라 작성됨",
    "6": "이익잉여금처분계산서는 관계 법령에 적합함",
    "7": "관리비 부과 내역을 매월 단지 홈페이지에 공개함",
    "8": "재활용품 매각 수입의 부가가치세 신고 확인, 분기 신고 권고",
}


def _resolution(complex_):
    """A resolution the council demo passed on selecting a contractor, else any passed one."""
    passed = Resolution.objects.filter(complex=complex_, passed=True).order_by("decided_at")
    return passed.filter(item__category=ItemCategory.CONTRACTOR).first() or passed.first()


def _tender(hanbit, today):
    resolution = _resolution(hanbit)
    if resolution is None:
        return None
    start = timezone.localtime(resolution.decided_at) + timedelta(days=1)
    p = services.procurement_create(
        complex=hanbit,
        title="승강기 유지관리 용역 사업자 선정",
        kind="service",
        service_category="elevator",
        funding="fees",
        estimated_amount=86_400_000,
        notice_days=10,
        documents="사업자등록증, 승강기 유지관리업 등록증, 신용평가등급 확인서, 실적증명서",
    )
    services.procurement_set_method(procurement=p, method="qualification", resolution=resolution)
    p = services.procurement_publish_notice(
        procurement=p, bid_deadline=start.date() + timedelta(days=14), now=start
    )
    bids = [
        ("(주)오르내림엘리베이터", "211-81-00001", 2_400_000, "AA0", 0, 14, True, 9, 88, 85),
        ("한결승강기(주)", "211-81-00002", 2_350_000, "BBB+", 2, 9, False, 6, 80, 78),
        ("누리엘텍", "211-81-00003", 2_520_000, "BB-", 1, 6, False, 4, 72, 70),
    ]
    for name, no, price, grade, sanctions, cases, tech, equip, plan, partner in bids:
        services.bid_record(
            procurement=p,
            company_name=name,
            business_no=no,
            price=price,
            credit_grade=grade,
            sanctions=sanctions,
            record_cases=cases,
            technicians_all_met=tech,
            technicians=5 if tech else 3,
            equipment_all_met=equip >= 9,
            equipment=equip,
            plan_mark=plan,
            partner_mark=partner,
        )
    services.bids_score(procurement=p)
    p = services.procurement_award(procurement=p, now=start + timedelta(days=16))
    signed = start.date() + timedelta(days=20)
    c = services.contract_create(
        complex=hanbit,
        procurement=p,
        title="승강기 유지관리 용역 계약",
        counterparty="",
        signed_on=signed,
        start=signed + timedelta(days=10),
        end=signed + timedelta(days=10 + 364),
        total_amount=p.award_bid.price * 12,
        monthly_amount=p.award_bid.price,
        scope="승강기 12대 월 1회 정기점검, 긴급출동 24시간, 부품 교체(소모품)",
    )
    services.contract_publish(contract=c, now=start + timedelta(days=22))
    return p


def _contracts(hanbit, today):
    # The management company: its 2-year term ends in 75 days, so the Art. 58 resolution is due
    # within 15 days (E − 60) and the office is reminded.
    end = today + timedelta(days=75)
    start = date(end.year - 2, end.month, 1) if end.day != 1 else end.replace(year=end.year - 2)
    mc = services.contract_create(
        complex=hanbit,
        kind="management_company",
        title="공동주택 위탁·수탁관리 계약",
        counterparty="(주)한빛주택관리",
        counterparty_business_no="120-81-12345",
        signed_on=start - timedelta(days=10),
        start=start,
        end=end,
        total_amount=2_400_000 * 24,
        monthly_amount=2_400_000,
        scope="위탁관리수수료 월 2,400,000원, 관리사무소 직원 14명(사무 3·기술 3·경비 6·청소 2)",
    )
    services.contract_publish(contract=mc, now=timezone.now() - timedelta(days=700))
    # The cleaning contractor: E − 45 is in 20 days, its 별지 10 evaluation not yet done.
    cend = today + timedelta(days=65)
    cc = services.contract_create(
        complex=hanbit,
        kind="service",
        service_category="cleaning",
        title="청소 용역 계약",
        counterparty="맑은누리환경",
        counterparty_business_no="314-86-55555",
        signed_on=cend - timedelta(days=375),
        start=cend - timedelta(days=364),
        end=cend,
        total_amount=6_100_000 * 12,
        monthly_amount=6_100_000,
        scope="공용부 청소(계단·복도·주차장), 미화원 8명",
    )
    services.contract_publish(contract=cc, now=timezone.now() - timedelta(days=360))


def _audit(hanbit, today):
    year = today.year - 1
    a = audits.auditor_appoint(
        complex=hanbit,
        auditor_name="가온회계법인",
        fiscal_year=year,
        not_disciplined=True,
        not_suspended=True,
        evidence="한국공인회계사회 징계 조회 결과(이상 없음)",
        appointed_on=date(year, 11, 20),
    )
    r = audits.audit_report_create(
        complex=hanbit,
        kind="external",
        appointment=a,
        title=f"{year}년 회계연도 외부 회계감사 보고서",
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        sections=SECTIONS,
        opinion="적정의견",
        checklist=dict.fromkeys(audits.CHECKLIST, True),
        submitted_on=min(today, date(today.year, 3, 20)),
        findings=["잡수입 계정 증빙 2건 누락", "예비비 사용 시 입주자대표회의 사후 보고 지연"],
    )
    first = r.findings.order_by("pk").first()
    audits.finding_close(finding=first, action="증빙 보완 완료", closed_on=r.submitted_on)
    audits.audit_report_publish(report=r)


def _guarantees(hanbit, today):
    """Art. 90①: the office manager's mutual-aid certificate, ending in 3 weeks (a warning)."""
    from . import guarantees

    guarantees.guarantee_record(
        complex=hanbit,
        holder="office_manager",
        holder_name="관리사무소장",
        kind="mutual_aid",
        amount=50_000_000,
        issuer="대한주택관리사협회",
        valid_from=today - timedelta(days=344),
        valid_until=today + timedelta(days=21),
    )


def seed(base):
    today = timezone.localdate()
    hanbit = base["hanbit"]
    _tender(hanbit, today)
    _contracts(hanbit, today)
    _audit(hanbit, today)
    _guarantees(hanbit, today)
