"""Community pages: residents book, cancel (with a confirmation), register cars and visitor cars,
apply for consent and answer as a neighbour, file a group, report smoking; the office defines
facilities, looks plates up, records paper consents and decides. Another complex's member gets
404; a member without the role 403."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import timezone

from complexes.models import ResidentKind
from residents import services as resident_services
from residents.community.groups_models import CommunityGroup
from residents.community.models import (
    Booking,
    BookingStatus,
    ConsentApplication,
    ConsentCase,
    ConsentStatus,
    VisitorCar,
)
from residents.community.services import consents, facilities
from residents.models import Complaint, ComplaintCategory
from tests.residents.community_helpers import at, grid, occupy


def url(name, tenant, *args):
    return reverse(f"residents:{name}", args=[tenant.complex.slug, *args])


@pytest.fixture
def room(alpha):
    return facilities.facility_save(
        complex=alpha.complex, by=alpha.manager, name="독서실", opens_at=time(6),
        closes_at=time(23), fee_per_slot=1000,
    )  # fmt: skip


def test_home_and_lists_for_every_member(alpha, as_user, room):
    for user in (alpha.owner, alpha.manager, alpha.council):
        c = as_user(user)
        for name in ("community_home", "facility_list", "consent_list", "group_list"):
            r = c.get(url(name, alpha))
            assert r.status_code == 200, (user, name)
    assert "독서실" in as_user(alpha.owner).get(url("community_home", alpha)).content.decode()


def test_other_complex_gets_404(alpha, beta, as_user, room):
    c = as_user(beta.manager)
    for name, args in [("community_home", ()), ("facility_list", ()), ("visitor_list", ())]:
        assert c.get(url(name, alpha, *args)).status_code == 404
    # beta's slug with alpha's facility id
    assert c.get(url("facility_detail", beta, room.pk)).status_code == 404
    b = facilities.booking_create(
        facility=room, unit=alpha.unit, by=alpha.owner, starts_at=at(1, 9), ends_at=at(1, 10)
    )
    assert c.get(url("booking_cancel", beta, b.pk)).status_code == 404
    assert c.post(url("booking_cancel", beta, b.pk)).status_code == 404
    b.refresh_from_db()
    assert b.status == BookingStatus.ACTIVE


def test_roles(alpha, as_user, room):
    assert as_user(alpha.owner).get(url("facility_create", alpha)).status_code == 403
    assert as_user(alpha.council).get(url("smoking_report", alpha)).status_code == 403
    assert as_user(alpha.council).get(url("car_list", alpha)).status_code == 403
    assert as_user(alpha.owner).post(url("facility_detail", alpha, room.pk)).status_code in (
        200,
        302,
    )
    assert (
        as_user(alpha.manager).post(url("facility_detail", alpha, room.pk), {}).status_code == 403
    )


def test_office_defines_a_facility(alpha, as_user):
    r = as_user(alpha.manager).post(
        url("facility_create", alpha),
        {"name": "헬스장", "access": "residents", "opens_at": "06:00", "closes_at": "22:00",
         "slot_minutes": 60, "capacity": 5, "fee_per_slot": 0, "max_slots_per_day": 2,
         "max_active_bookings": 4, "book_ahead_days": 7, "cancel_before_hours": 1, "active": "on"},
    )  # fmt: skip
    assert r.status_code == 302
    r = as_user(alpha.manager).post(
        url("facility_create", alpha),
        {"name": "게스트룸", "access": "shared", "opens_at": "06:00", "closes_at": "22:00",
         "slot_minutes": 60, "capacity": 1, "fee_per_slot": 0, "max_slots_per_day": 2,
         "max_active_bookings": 4, "book_ahead_days": 7, "cancel_before_hours": 1},
    )  # fmt: skip
    assert r.status_code == 200 and "제67조의3" in r.content.decode()


def test_resident_books_sees_slot_and_cancels_with_confirmation(alpha, as_user, room):
    c = as_user(alpha.owner)
    day = at(1, 9).date()
    r = c.post(
        url("facility_detail", alpha, room.pk),
        {"unit": alpha.unit.pk, "day": day.isoformat(), "start": "09:00", "slots": 2},
    )
    assert r.status_code == 302
    booking = Booking.objects.get(facility=room)
    assert booking.fee == 2000
    page = c.get(url("facility_detail", alpha, room.pk) + f"?day={day}").content.decode()
    assert "내 예약" in page
    # the lessee sees the slot taken, not who took it
    page = (
        as_user(alpha.lessee)
        .get(url("facility_detail", alpha, room.pk) + f"?day={day}")
        .content.decode()
    )
    assert "마감" in page and "1203" not in page
    # a bad booking shows the rule, not a 500
    c = as_user(alpha.owner)
    r = c.post(
        url("facility_detail", alpha, room.pk),
        {"unit": alpha.unit.pk, "day": day.isoformat(), "start": "09:30", "slots": 1},
    )
    assert r.status_code == 200 and "60분 단위" in r.content.decode()
    # cancel: GET asks, POST does
    c = as_user(alpha.owner)
    r = c.get(url("booking_cancel", alpha, booking.pk))
    assert r.status_code == 200 and "취소할까요" in r.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ACTIVE
    # the lessee cannot reach the owner's booking
    assert as_user(alpha.lessee).post(url("booking_cancel", alpha, booking.pk)).status_code == 404
    assert as_user(alpha.owner).post(url("booking_cancel", alpha, booking.pk)).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_cars_and_visitors_pages(alpha, as_user):
    resident_services.occupancy_move_in(
        unit=alpha.unit,
        kind=ResidentKind.OWNER,
        moved_in_on=date(2020, 1, 1),
        name="김민수",
        by=alpha.manager,
    )
    c = as_user(alpha.owner)
    r = c.post(
        url("car_list", alpha), {"unit": alpha.unit.pk, "plate": "12가3456", "car_type": "소나타"}
    )
    assert r.status_code == 302
    r = c.post(url("car_list", alpha), {"unit": alpha.unit.pk, "plate": "bad"})
    assert "형식" in r.content.decode()
    today = timezone.localdate()
    r = c.post(
        url("visitor_list", alpha),
        {"unit": alpha.unit.pk, "plate": "98마7654", "visit_from": today.isoformat()},
    )
    assert r.status_code == 302
    v = VisitorCar.objects.get(complex=alpha.complex)
    # the guard's screen: today's list and a plate lookup
    office = as_user(alpha.staff)
    page = office.get(url("visitor_list", alpha)).content.decode()
    assert "98마7654" in page and "1203" in page
    page = office.get(url("visitor_list", alpha) + "?plate=3456").content.decode()
    assert "입주자 차량" in page
    page = office.get(url("visitor_list", alpha) + "?plate=00가0000").content.decode()
    assert "등록된 차량이 아닙니다" in page
    # the lessee cannot see or cancel the owner's visitor
    assert "98마7654" not in as_user(alpha.lessee).get(url("visitor_list", alpha)).content.decode()
    assert as_user(alpha.lessee).post(url("visitor_cancel", alpha, v.pk)).status_code == 404
    c = as_user(alpha.owner)
    assert "취소할까요" in c.get(url("visitor_cancel", alpha, v.pk)).content.decode()
    assert c.post(url("visitor_cancel", alpha, v.pk)).status_code == 302
    v.refresh_from_db()
    assert v.cancelled_at is not None


def test_consent_flow_through_pages(alpha, as_user):
    _b, u = grid(alpha.complex)
    applicant, below, wall, other, across = occupy(
        u[(4, 2)], u[(3, 2)], u[(4, 1)], u[(3, 1)], u[(4, 3)]
    )
    occupy(u[(5, 1)], u[(5, 2)])
    r = as_user(applicant).post(
        url("consent_new", alpha),
        {"unit": u[(4, 2)].pk, "case": ConsentCase.PET, "description": "소형견"},
    )
    assert r.status_code == 302
    app = ConsentApplication.objects.get(complex=alpha.complex)
    assert app.status == ConsentStatus.COLLECTING
    # a neighbour answers from their own account; an outsider of the list cannot
    for user, unit in [
        (below, u[(3, 2)]),
        (wall, u[(4, 1)]),
        (other, u[(3, 1)]),
        (across, u[(4, 3)]),
    ]:
        c = as_user(user)
        assert "세대의 답변" in c.get(url("consent_detail", alpha, app.pk)).content.decode()
        c.post(
            url("consent_act", alpha, app.pk), {"action": "answer", "unit": unit.pk, "answer": "1"}
        )
    r = as_user(alpha.owner).get(url("consent_detail", alpha, app.pk))
    assert r.status_code == 404  # neither applicant nor asked
    # the office records a paper consent and decides
    office = as_user(alpha.manager)
    office.post(
        url("consent_act", alpha, app.pk),
        {
            "action": "paper",
            "paper-unit": u[(5, 2)].pk,
            "paper-answer": "1",
            "paper-signer_name": "최",
        },
    )
    app.refresh_from_db()
    assert app.status == ConsentStatus.SUBMITTED
    office.post(
        url("consent_act", alpha, app.pk),
        {"action": "decide", "d-decision": "consent", "d-reasons": ""},
    )
    app.refresh_from_db()
    assert app.decision == "consent"
    # a resident cannot decide
    app2 = consents.consent_apply(
        unit=u[(4, 2)], by=applicant, case=ConsentCase.FIXTURE, description="창호"
    )
    as_user(applicant).post(
        url("consent_act", alpha, app2.pk), {"action": "decide", "d-decision": "consent"}
    )
    app2.refresh_from_db()
    assert app2.status == ConsentStatus.SUBMITTED
    # withdraw: confirmation then the act
    c = as_user(applicant)
    assert "취하할까요" in c.get(url("consent_withdraw", alpha, app2.pk)).content.decode()
    c.post(url("consent_act", alpha, app2.pk), {"action": "withdraw"})
    app2.refresh_from_db()
    assert app2.status == ConsentStatus.WITHDRAWN


def test_group_filing_and_masked_members(alpha, as_user):
    units = [f"101-{n}" for n in ("1203", "804")]
    lines = [f"홍길동, 회장, {units[0]}, 010-1234-5678, 입주자등", f"김영희, 총무, {units[1]}, , 입주자등",
             "박전문, 자문, , , 전문가"]  # fmt: skip
    r = as_user(alpha.owner).post(
        url("group_new", alpha),
        {"name": "텃밭 모임", "purpose": "텃밭", "formed_on": "2026-03-01", "main_activities": "주말 텃밭",
         "members": "\n".join(lines)},
    )  # fmt: skip
    assert r.status_code == 302
    g = CommunityGroup.objects.get(complex=alpha.complex)
    page = as_user(alpha.lessee).get(url("group_detail", alpha, g.pk)).content.decode()
    assert "홍*동" in page and "홍길동" not in page and "010-1234-5678" not in page
    page = as_user(alpha.manager).get(url("group_detail", alpha, g.pk)).content.decode()
    assert "홍길동" in page and "010-1234-5678" in page
    # the council cannot approve with two residents (Art. 39①)
    r = as_user(alpha.council).post(
        url("group_detail", alpha, g.pk), {"approve": "1", "resolution": "제1호"}
    )
    assert r.status_code == 200 and "10명 이상" in r.content.decode()
    assert (
        as_user(alpha.owner).post(url("group_detail", alpha, g.pk), {"approve": "1"}).status_code
        == 403
    )
    r = as_user(alpha.owner).post(
        url("group_new", alpha),
        {
            "name": "x",
            "purpose": "x",
            "formed_on": "2026-03-01",
            "main_activities": "x",
            "members": "a, , 999-999, , 입주자등",
        },
    )
    assert "999-999" in r.content.decode()


def test_smoking_report(alpha, as_user):
    r = as_user(alpha.owner).post(
        url("smoking_report", alpha),
        {"unit": alpha.unit.pk, "where": "unit", "location": "베란다", "body": "저녁마다 냄새"},
    )
    assert r.status_code == 302
    c = Complaint.objects.get(complex=alpha.complex)
    assert c.category == ComplaintCategory.SMOKING and not c.common_area


def test_office_sets_building_layout(alpha, beta, as_user):
    """The neighbour set follows the building's corridor type (Art. 65 table D 3가·6)."""
    from residents.community.models import BuildingLayout

    page = url("layout_edit", alpha)
    assert as_user(alpha.owner).get(page).status_code == 403
    assert as_user(beta.manager).get(page).status_code == 404
    c = as_user(alpha.manager)
    b = alpha.building.pk
    r = c.post(page, {f"type-{b}": "corridor", f"per-{b}": "2"})
    assert r.status_code == 302
    assert BuildingLayout.objects.get(building=alpha.building).corridor_type == "corridor"
    c.post(page, {f"type-{b}": "stair", f"per-{b}": "0"})
    assert BuildingLayout.objects.get(building=alpha.building).corridor_type == "corridor"


def test_group_funding_path_through_the_page(alpha, beta, as_user):
    """별첨 5 §6: the group requests, the council notifies, the group applies (별지 5-2), the
    office publishes for 10 days and transfers after."""
    from residents.community.groups_models import FundingStatus, GroupFunding, MemberKind
    from residents.community.services import groups
    from tests.factories import UnitFactory

    members = [
        {"name": f"회원{i}", "unit": UnitFactory(building=alpha.building), "kind": MemberKind.RESIDENT,
         "is_representative": i == 0}
        for i in range(10)
    ]  # fmt: skip
    g = groups.group_file(
        complex=alpha.complex, by=alpha.owner, name="텃밭", purpose="p", formed_on=date(2026, 1, 1),
        main_activities="a", members=members,
    )  # fmt: skip
    groups.group_decide(group=g, approve=True, resolution="제1호", by=alpha.council)
    act = url("group_funding_act", alpha, g.pk)
    assert (
        as_user(alpha.lessee).post(act, {"action": "request", "amount": "1000"}).status_code == 403
    )
    as_user(alpha.owner).post(act, {"action": "request", "purpose": "모종", "amount": "500,000"})
    f = GroupFunding.objects.get(group=g)
    assert f.requested_amount == 500_000
    assert as_user(alpha.owner).post(act, {"action": "notify", "funding": f.pk}).status_code == 403
    as_user(alpha.council).post(
        act, {"action": "notify", "funding": f.pk, "amount": "700000", "resolution": "제2호"}
    )
    f.refresh_from_db()
    assert f.status == FundingStatus.REQUESTED  # more than requested: refused with a message
    as_user(alpha.council).post(
        act, {"action": "notify", "funding": f.pk, "amount": "400000", "resolution": "제2호"}
    )
    as_user(alpha.owner).post(act, {"action": "apply", "funding": f.pk})
    as_user(alpha.manager).post(act, {"action": "publish", "funding": f.pk})
    r = as_user(alpha.manager).post(act, {"action": "transfer", "funding": f.pk}, follow=True)
    assert "공개 기간" in r.content.decode()  # not before the 10 days end
    f.refresh_from_db()
    assert f.status == FundingStatus.PUBLISHED and f.council_amount == 400_000
    assert (
        as_user(beta.manager)
        .post(url("group_funding_act", beta, g.pk), {"action": "publish"})
        .status_code
        == 404
    )
