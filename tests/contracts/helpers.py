"""Builders for contracts tests: a council resolution with given counts, a contract, units."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from complexes.models import Unit
from council.contracts import services
from council.models import AgendaItem, Meeting, Resolution
from tests.factories import UnitFactory

KST = ZoneInfo("Asia/Seoul")
_n = {"meeting": 0}


def resolution(complex_, *, on: date, yes: int, membership: int = 10, passed=None, title="의결"):
    """A council resolution decided `on`, with `yes` of `membership` (recorded as the council
    app records it; the counting itself is tested in tests/council)."""
    _n["meeting"] += 1
    at = datetime(on.year, on.month, on.day, 19, 0, tzinfo=KST)
    meeting = Meeting.objects.create(
        complex=complex_,
        number=Meeting.objects.filter(complex=complex_).count() + 1,
        kind="regular",
        starts_at=at,
        place="회의실",
        status="held",
    )
    item = AgendaItem.objects.create(
        complex=complex_,
        title=title,
        proposer_kind="manager",
        proposer_name="관리사무소장",
        proposed_on=on,
        motion="원안대로 의결",
        reason="필요",
        content="내용",
        meeting=meeting,
        status="passed",
    )
    if passed is None:
        passed = 2 * yes > membership
    return Resolution.objects.create(
        complex=complex_,
        item=item,
        meeting=meeting,
        passed=passed,
        yes=yes,
        no=membership - yes,
        abstain=0,
        seats=membership,
        seated=membership,
        membership=membership,
        required_yes=membership // 2 + 1,
        present=membership,
        decided_at=at,
    )


def units(building, n, start=1):
    return [UnitFactory(building=building, number=f"{start + i}", floor=1) for i in range(n)]


def households(complex_) -> int:
    return Unit.objects.filter(complex=complex_).count()


def management_contract(complex_, *, end: date, start: date | None = None):
    return services.contract_create(
        complex=complex_,
        kind="management_company",
        title="위탁관리 계약",
        counterparty="(주)한빛관리",
        counterparty_business_no="123-45-67890",
        signed_on=start or date(2025, 1, 1),
        start=start or date(2025, 1, 1),
        end=end,
        total_amount=24_000_000,
        monthly_amount=1_000_000,
    )


def service_contract(complex_, *, end: date, category="cleaning"):
    return services.contract_create(
        complex=complex_,
        kind="service",
        service_category=category,
        title="청소 용역 계약",
        counterparty="깨끗한미화",
        counterparty_business_no="222-33-44444",
        signed_on=date(2025, 1, 1),
        start=date(2025, 1, 1),
        end=end,
        total_amount=120_000_000,
        monthly_amount=5_000_000,
    )
