"""Parking leased for car sharing (Art. 67) and opened to outsiders (Art. 67-2): the basis the
bylaw requires, and the board notice (67③, 67-2③). "과반수 (이상)" = more than half of all
households (open reading 6)."""

from datetime import date

import pytest

from core.errors import ApplicationError
from residents.community.parking_models import OperatorKind, ParkingKind
from residents.community.services.parking import parking_record
from residents.models import Notice, StatutoryKind
from tests.factories import UnitFactory


@pytest.fixture
def ten(alpha):
    """alpha with 10 households (2 from the fixture + 8)."""
    for _ in range(8):
        UnitFactory(building=alpha.building)
    return alpha


def lease(t, **kw):
    values = dict(kind=ParkingKind.LEASE, operator="쏘카", operator_kind=OperatorKind.CAR_SHARING,
                  spaces=2, locations="지하 1층 B구역", starts_on=date(2026, 12, 1))  # fmt: skip
    values.update(kw)
    return parking_record(complex=t.complex, by=t.manager, **values)


def opening(t, **kw):
    values = dict(kind=ParkingKind.OPENING, operator="강남구도시관리공단",
                  operator_kind=OperatorKind.PUBLIC_CORPORATION, spaces=20, locations="지상 주차장",
                  hours="평일 09:00~18:00", starts_on=date(2026, 12, 1))  # fmt: skip
    values.update(kw)
    return parking_record(complex=t.complex, by=t.manager, **values)


def test_lease_only_for_car_sharing(ten):
    """Art. 67①."""
    with pytest.raises(ApplicationError, match="카셰어링"):
        lease(ten, operator_kind=OperatorKind.OTHER, resolution="제1호")


def test_lease_needs_resolution_or_majority_and_resolution_for_spaces(ten):
    """Art. 67②: resolution OR more than half of all households; 67③: spaces and locations by
    council resolution."""
    with pytest.raises(ApplicationError, match="제67조②"):
        lease(ten, consent_yes=5)  # 5 of 10 is not more than half
    with pytest.raises(ApplicationError, match="제67조③"):
        lease(ten, consent_yes=6)
    a = lease(ten, resolution="제3차 정기회의 제2호")
    assert a.households_total == 10
    notice = Notice.objects.get(pk=a.notice_id)
    assert notice.statutory_kind == StatutoryKind.PARKING and "지하 1층 B구역" in notice.body


def test_opening_needs_public_operator_resolution_and_majority(ten):
    """Art. 67-2①②."""
    with pytest.raises(ApplicationError, match="제67조의2①"):
        opening(ten, operator_kind=OperatorKind.CAR_SHARING, resolution="제1호", consent_yes=6)
    with pytest.raises(ApplicationError, match="제67조의2②"):
        opening(ten, resolution="제1호", consent_yes=5)
    with pytest.raises(ApplicationError, match="제67조의2②"):
        opening(ten, consent_yes=10)
    with pytest.raises(ApplicationError, match="개방 시간"):
        opening(ten, resolution="제1호", consent_yes=6, hours="")
    with pytest.raises(ApplicationError, match="전체 세대 수"):
        opening(ten, resolution="제1호", consent_yes=11)
    a = opening(ten, resolution="제1호", consent_yes=6)
    assert a.majority and a.notice is not None


def test_parking_pages(ten, beta, as_user):
    from django.urls import reverse

    new = reverse("residents:parking_new", args=["alpha"])
    assert as_user(ten.owner).get(new).status_code == 403
    assert (
        as_user(beta.manager).get(reverse("residents:parking_list", args=["alpha"])).status_code
        == 404
    )
    c = as_user(ten.manager)
    r = c.post(
        new,
        {
            "kind": "opening",
            "operator": "공단",
            "operator_kind": "public_corporation",
            "spaces": 5,
            "locations": "지상",
            "hours": "09~18",
            "consent_yes": 5,
            "starts_on": "2026-12-01",
        },
    )
    assert r.status_code == 200 and "제67조의2②" in r.content.decode()
    r = c.post(new, {"kind": "opening", "operator": "공단", "operator_kind": "public_corporation", "spaces": 5,
                     "locations": "지상", "hours": "09~18", "consent_yes": 6, "resolution": "제2호",
                     "starts_on": "2026-12-01"})  # fmt: skip
    assert r.status_code == 302
    page = (
        as_user(ten.owner).get(reverse("residents:parking_list", args=["alpha"])).content.decode()
    )
    assert "동의 6/10세대" in page
