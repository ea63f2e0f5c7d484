"""Residents' and visitors' cars (별지 1's 차량; Art. 62⑤; the council's parking regulation —
spec rule 23) and community activation groups (Arts. 39–43, 별첨 5)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complexes.models import ResidentKind
from core.errors import ApplicationError
from residents import services as resident_services
from residents.community import selectors, tasks
from residents.community.groups_models import FundingStatus, GroupStatus, MemberKind
from residents.community.models import CommunityReminder
from residents.community.services import cars, groups
from residents.models import ComplaintCategory
from tests.factories import UnitFactory


@pytest.fixture
def household(alpha):
    resident_services.occupancy_move_in(
        unit=alpha.unit, kind=ResidentKind.OWNER, moved_in_on=date(2020, 1, 1), name="김민수",
        by=alpha.manager,
    )  # fmt: skip
    return alpha.unit


def test_car_limit_per_household(alpha, household):
    cars.car_register(unit=household, plate="12가 3456", by=alpha.owner)
    cars.car_register(unit=household, plate="123나4567", by=alpha.owner)
    with pytest.raises(ApplicationError, match="2대까지"):
        cars.car_register(unit=household, plate="34다5678", by=alpha.owner)
    with pytest.raises(ApplicationError, match="이미 등록"):
        cars.car_register(unit=household, plate="12가3456", by=alpha.owner)


def test_car_plate_format_and_register_entry(alpha, household):
    with pytest.raises(ApplicationError, match="형식"):
        cars.car_register(unit=household, plate="ABC123", by=alpha.owner)
    with pytest.raises(ApplicationError, match="입주자명부"):
        cars.car_register(unit=alpha.lessee_unit, plate="12가3456", by=alpha.lessee)


def test_plate_of_another_household_refused(alpha, household):
    cars.car_register(unit=household, plate="12가3456", by=alpha.owner)
    resident_services.occupancy_move_in(
        unit=alpha.lessee_unit, kind=ResidentKind.LESSEE, moved_in_on=date(2021, 1, 1), name="이영희",
        owner_name="박", by=alpha.manager,
    )  # fmt: skip
    with pytest.raises(ApplicationError, match="다른 세대"):
        cars.car_register(unit=alpha.lessee_unit, plate="12가3456", by=alpha.lessee)


def test_visitor_rules(alpha):
    today = timezone.localdate()
    with pytest.raises(ApplicationError, match="지난 날짜"):
        cars.visitor_register(
            unit=alpha.unit, plate="12가3456", visit_from=today - timedelta(days=1), by=None
        )
    with pytest.raises(ApplicationError, match="7일까지"):
        cars.visitor_register(
            unit=alpha.unit,
            plate="12가3456",
            visit_from=today,
            visit_until=today + timedelta(days=7),
            by=None,
        )
    cars.visitor_register(unit=alpha.unit, plate="12가3456", visit_from=today, by=None)
    with pytest.raises(ApplicationError, match="이미 등록"):
        cars.visitor_register(unit=alpha.unit, plate="12가3456", visit_from=today, by=None)
    cars.visitor_register(unit=alpha.unit, plate="22가3456", visit_from=today, by=None)
    cars.visitor_register(unit=alpha.unit, plate="32가3456", visit_from=today, by=None)
    with pytest.raises(ApplicationError, match="하루 3대"):
        cars.visitor_register(unit=alpha.unit, plate="42가3456", visit_from=today, by=None)


def test_plate_lookup_today(alpha, household, beta):
    """The guard's screen: is this plate registered today? Full plate or its last four digits."""
    today = timezone.localdate()
    cars.car_register(unit=household, plate="12가3456", by=alpha.owner)
    v = cars.visitor_register(unit=alpha.lessee_unit, plate="98마7654", visit_from=today, by=None)
    cars.visitor_register(
        unit=alpha.lessee_unit, plate="11바1111", visit_from=today + timedelta(days=1), by=None
    )
    assert [
        r["kind"] for r in selectors.plate_lookup(complex=alpha.complex, plate="12 가 3456")
    ] == ["resident"]
    found = selectors.plate_lookup(complex=alpha.complex, plate="7654")
    assert [(r["kind"], r["unit"]) for r in found] == [("visitor", alpha.lessee_unit)]
    assert selectors.plate_lookup(complex=alpha.complex, plate="1111") == []  # tomorrow only
    assert selectors.plate_lookup(complex=beta.complex, plate="3456") == []  # other complex
    cars.visitor_cancel(visitor=v, by=None)
    assert selectors.plate_lookup(complex=alpha.complex, plate="7654") == []


# --- groups ---------------------------------------------------------------------------------------


def members(alpha, residents: int, experts: int = 0):
    rows = []
    for i in range(residents):
        unit = UnitFactory(building=alpha.building)
        rows.append({"name": f"회원{i}", "unit": unit, "kind": MemberKind.RESIDENT,
                     "is_representative": i == 0})  # fmt: skip
    for i in range(experts):
        rows.append({"name": f"전문가{i}", "kind": MemberKind.EXPERT})
    return rows


def file(alpha, residents, experts=0, name="텃밭 모임"):
    return groups.group_file(
        complex=alpha.complex, by=alpha.owner, name=name, purpose="텃밭 가꾸기",
        formed_on=date(2026, 3, 1), main_activities="주말 텃밭", members=members(alpha, residents, experts),
    )  # fmt: skip


def test_ten_residents_needed_experts_do_not_count(alpha):
    """Art. 39① (open reading 1): ≥ 10 입주자등; experts join but do not count."""
    g = file(alpha, 9, experts=3)
    assert selectors.counting_members(group=g) == 9
    with pytest.raises(ApplicationError, match="10명 이상"):
        groups.group_decide(
            group=g, approve=True, resolution="제5차 정기회의 제1호", by=alpha.council
        )
    groups.group_member_add(
        group=g, by=alpha.owner, name="열번째", unit=alpha.unit, kind=MemberKind.RESIDENT
    )
    g = groups.group_decide(
        group=g, approve=True, resolution="제5차 정기회의 제1호", by=alpha.council
    )
    assert g.status == GroupStatus.APPROVED


def test_refusal_needs_reasons_and_one_representative(alpha):
    """Art. 39④: a refusal states its reasons."""
    g = file(alpha, 10)
    with pytest.raises(ApplicationError, match="사유"):
        groups.group_decide(group=g, approve=False, resolution="제5차 제2호", by=alpha.council)
    groups.group_decide(
        group=g, approve=False, resolution="제5차 제2호", reasons="영리 목적", by=alpha.council
    )
    with pytest.raises(ApplicationError, match="대표자"):
        groups.group_file(
            complex=alpha.complex, by=alpha.owner, name="무대표", purpose="x", formed_on=date(2026, 1, 1),
            main_activities="x", members=[{"name": "a", "kind": MemberKind.EXPERT}],
        )  # fmt: skip
    with pytest.raises(ApplicationError, match="동·호"):
        groups.group_file(
            complex=alpha.complex, by=alpha.owner, name="무세대", purpose="x", formed_on=date(2026, 1, 1),
            main_activities="x", members=[{"name": "a", "kind": MemberKind.RESIDENT, "is_representative": True}],
        )  # fmt: skip


def test_funding_path_deadlines(alpha):
    """별첨 5 §6: notice → 별지 5-2 within 10 days (else cancelled) → published 10 days →
    transfer after the publication ends."""
    g = file(alpha, 10)
    groups.group_decide(group=g, approve=True, resolution="제1호", by=alpha.council)
    f = groups.funding_request(group=g, purpose="모종 구입", requested_amount=500_000)
    with pytest.raises(ApplicationError, match="신청 금액"):
        groups.funding_notify(funding=f, amount=600_000, resolution="제2호")
    f = groups.funding_notify(funding=f, amount=300_000, resolution="제2호", on=date(2026, 4, 1))
    with pytest.raises(ApplicationError, match="10일이 지나"):
        groups.funding_apply(funding=f, on=date(2026, 4, 12))
    f = groups.funding_apply(funding=f, on=date(2026, 4, 11))
    f = groups.funding_publish(funding=f, on=date(2026, 4, 13))
    assert f.published_until == date(2026, 4, 22)
    with pytest.raises(ApplicationError, match="공개 기간"):
        groups.funding_transfer(funding=f, on=date(2026, 4, 22))
    f = groups.funding_transfer(funding=f, on=date(2026, 4, 23))
    assert f.status == FundingStatus.TRANSFERRED and groups.transfer_due(f) == date(2026, 4, 27)


def test_reminders_cancel_overdue_funding_and_run_once(alpha):
    g = file(alpha, 10)
    groups.group_decide(group=g, approve=True, resolution="제1호", by=alpha.council)
    f = groups.funding_request(group=g, purpose="모종", requested_amount=100_000)
    groups.funding_notify(
        funding=f, amount=100_000, resolution="제2호", on=timezone.localdate() - timedelta(days=11)
    )
    pending = file(alpha, 10, name="독서 모임")
    pending.filed_at = timezone.now() - timedelta(days=25)
    pending.save()
    complaint = resident_services.complaint_file(
        complex=alpha.complex, by=alpha.owner, unit=alpha.unit, category=ComplaintCategory.SMOKING,
        title="담배 냄새", body="베란다",
    )  # fmt: skip
    complaint.filed_at = timezone.now() - timedelta(days=15)
    complaint.save()
    mail.outbox.clear()
    # funding, refusal due, smoking ×2, and no fire / facility-accident insurance (Art. 72)
    assert tasks.community_reminders(alpha.complex.pk) == 6
    f.refresh_from_db()
    assert f.status == FundingStatus.CANCELLED
    # one message to each of the office (manager, staff), through the notification service
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alpha.manager.email, alpha.staff.email])
    assert all("제39조④" in m.body for m in mail.outbox)
    assert tasks.community_reminders(alpha.complex.pk) == 0  # idempotent
    assert len(mail.outbox) == 2
    assert CommunityReminder.objects.filter(complex=alpha.complex).count() == 5
