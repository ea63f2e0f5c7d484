"""REST API of community life: the same rules and errors as the pages, scoped by complex
(another complex → 404), roles (→ 403), masked member names, pinned list query counts."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complexes.models import ResidentKind
from residents import services as resident_services
from residents.community.models import ConsentCase
from residents.community.services import cars, facilities
from tests.factories import UnitFactory
from tests.residents.community_helpers import at, grid, occupy


def base(tenant):
    return f"/api/v1/complexes/{tenant.complex.slug}"


@pytest.fixture
def room(alpha):
    return facilities.facility_save(
        complex=alpha.complex, by=alpha.manager, name="독서실", opens_at=time(6),
        closes_at=time(23), fee_per_slot=1000,
    )  # fmt: skip


def test_facility_crud_and_roles(alpha, api):
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{base(alpha)}/facilities/", {"name": "헬스장", "opens_at": "06:00", "closes_at": "22:00"}
    )
    assert r.status_code == 403
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{base(alpha)}/facilities/",
        {"name": "헬스장", "opens_at": "06:00", "closes_at": "22:00"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    r = api.post(
        f"{base(alpha)}/facilities/",
        {"name": "게스트룸", "opens_at": "06:00", "closes_at": "22:00", "access": "shared"},
        format="json",
    )
    assert r.status_code == 400 and "제67조의3" in r.json()["message"]
    api.force_authenticate(alpha.owner)
    assert [f["name"] for f in api.get(f"{base(alpha)}/facilities/").json()["results"]] == [
        "헬스장"
    ]


def test_booking_api(alpha, beta, api, room):
    api.force_authenticate(alpha.owner)
    url = f"{base(alpha)}/facilities/{room.pk}/bookings/"
    body = {
        "unit": alpha.unit.pk,
        "starts_at": at(1, 9).isoformat(),
        "ends_at": at(1, 10).isoformat(),
    }
    r = api.post(url, body, format="json")
    assert r.status_code == 201 and r.json()["fee"] == 1000
    booking_id = r.json()["id"]
    api.force_authenticate(alpha.lessee)
    r = api.post(url, {**body, "unit": alpha.lessee_unit.pk}, format="json")
    assert r.status_code == 400 and "찼습니다" in r.json()["message"]
    r = api.post(url, {**body, "unit": alpha.unit.pk}, format="json")  # not the lessee's unit
    assert r.status_code == 400 and r.json()["extra"] == {"field": "unit"}
    assert api.get(url).json()["results"] == []  # only one's own
    av = api.get(f"{base(alpha)}/facilities/{room.pk}/availability/?day={at(1, 9).date()}").json()
    nine = next(s for s in av if s["starts_at"].startswith(at(1, 9).date().isoformat() + "T09:00"))
    assert nine["taken"] == 1 and nine["mine"] is False
    assert api.post(f"{url}{booking_id}/cancel/").status_code == 404  # another household's
    api.force_authenticate(beta.manager)
    assert api.get(url).status_code == 404
    assert (
        api.post(f"{base(beta)}/facilities/{room.pk}/bookings/{booking_id}/cancel/").status_code
        == 404
    )
    api.force_authenticate(alpha.owner)
    r = api.post(f"{url}{booking_id}/cancel/")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"


def test_cars_and_visitor_lookup_api(alpha, beta, api):
    resident_services.occupancy_move_in(
        unit=alpha.unit,
        kind=ResidentKind.OWNER,
        moved_in_on=date(2020, 1, 1),
        name="김",
        by=alpha.manager,
    )
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{base(alpha)}/cars/", {"unit": alpha.unit.pk, "plate": "12가3456"}, format="json"
    )
    assert r.status_code == 201
    r = api.post(f"{base(alpha)}/cars/", {"unit": alpha.unit.pk, "plate": "xx"}, format="json")
    assert r.status_code == 400 and "형식" in r.json()["message"]
    today = timezone.localdate().isoformat()
    r = api.post(
        f"{base(alpha)}/visitor-cars/",
        {"unit": alpha.unit.pk, "plate": "98마7654", "visit_from": today},
        format="json",
    )
    assert r.status_code == 201
    visitor_id = r.json()["id"]
    r = api.post(
        f"{base(alpha)}/visitor-cars/", {"unit": alpha.lessee_unit.pk, "plate": "98마7655", "visit_from": today},
        format="json",
    )  # fmt: skip
    assert r.status_code == 400  # not the owner's unit
    assert api.get(f"{base(alpha)}/visitor-cars/?plate=7654").status_code == 403  # office only
    api.force_authenticate(alpha.staff)
    r = api.get(f"{base(alpha)}/visitor-cars/?plate=7654").json()
    assert [m["kind"] for m in r["matches"]] == ["visitor"]
    r = api.get(f"{base(alpha)}/visitor-cars/?plate=12가3456").json()
    assert [m["kind"] for m in r["matches"]] == ["resident"]
    api.force_authenticate(alpha.lessee)
    assert api.get(f"{base(alpha)}/visitor-cars/").json()["results"] == []
    assert api.post(f"{base(alpha)}/visitor-cars/{visitor_id}/cancel/").status_code == 404
    api.force_authenticate(beta.manager)
    assert api.get(f"{base(alpha)}/visitor-cars/").status_code == 404
    assert api.get(f"{base(beta)}/visitor-cars/?plate=7654").json()["matches"] == []
    api.force_authenticate(alpha.council)
    assert api.get(f"{base(alpha)}/cars/").status_code == 403


def test_visitor_list_query_count_is_pinned(alpha, api):
    for i in range(5):
        unit = UnitFactory(building=alpha.building)
        cars.visitor_register(
            unit=unit, plate=f"1{i}가345{i}", visit_from=timezone.localdate(), by=None
        )
    api.force_authenticate(alpha.staff)
    api.get(f"{base(alpha)}/visitor-cars/")  # the tenancy context is cached after this
    with CaptureQueriesContext(connection) as five:
        assert len(api.get(f"{base(alpha)}/visitor-cars/").json()["results"]) == 5
    for i in range(5):
        unit = UnitFactory(building=alpha.building)
        cars.visitor_register(
            unit=unit, plate=f"2{i}나345{i}", visit_from=timezone.localdate(), by=None
        )
    with CaptureQueriesContext(connection) as ten:
        assert len(api.get(f"{base(alpha)}/visitor-cars/").json()["results"]) == 10
    assert len(ten) == len(five)


def test_consent_api(alpha, beta, api):
    _b, u = grid(alpha.complex)
    applicant, below, wall, other, across = occupy(
        u[(4, 2)], u[(3, 2)], u[(4, 1)], u[(3, 1)], u[(4, 3)]
    )
    api.force_authenticate(applicant)
    r = api.post(
        f"{base(alpha)}/consents/",
        {"unit": u[(4, 2)].pk, "case": ConsentCase.PET, "description": "개"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["status"] == "collecting"
    assert r.json()["neighbours"] is None  # counts only, for the applicant
    pk = r.json()["id"]
    for user, unit in [
        (below, u[(3, 2)]),
        (wall, u[(4, 1)]),
        (other, u[(3, 1)]),
        (across, u[(4, 3)]),
    ]:
        api.force_authenticate(user)
        r = api.post(
            f"{base(alpha)}/consents/{pk}/answer/", {"unit": unit.pk, "answer": True}, format="json"
        )
        assert r.status_code == 200
    assert r.json()["tally"]["reached"] is True
    api.force_authenticate(applicant)
    assert (
        api.post(
            f"{base(alpha)}/consents/{pk}/decide/", {"decision": "consent"}, format="json"
        ).status_code
        == 403
    )
    api.force_authenticate(beta.manager)
    assert (
        api.post(
            f"{base(alpha)}/consents/{pk}/decide/", {"decision": "consent"}, format="json"
        ).status_code
        == 404
    )
    assert api.get(f"{base(beta)}/consents/{pk}/").status_code == 404
    api.force_authenticate(alpha.manager)
    r = api.post(f"{base(alpha)}/consents/{pk}/decide/", {"decision": "prohibited"}, format="json")
    assert r.status_code == 400 and "근거" in r.json()["message"]
    r = api.post(f"{base(alpha)}/consents/{pk}/decide/", {"decision": "consent"}, format="json")
    assert r.status_code == 200 and r.json()["decision"] == "consent"
    assert len(r.json()["neighbours"]) == 4


def test_group_api_masks_members_for_non_office(alpha, beta, api):
    api.force_authenticate(alpha.owner)
    members = [{"name": "홍길동", "unit": alpha.unit.pk, "is_representative": True, "phone": "010-1234-5678"},
               {"name": "박전문", "kind": "expert"}]  # fmt: skip
    r = api.post(
        f"{base(alpha)}/groups/",
        {
            "name": "텃밭",
            "purpose": "텃밭",
            "formed_on": "2026-03-01",
            "main_activities": "텃밭",
            "members": members,
        },
        format="json",
    )
    assert r.status_code == 201 and r.json()["counting_members"] == 1
    pk = r.json()["id"]
    data = api.get(f"{base(alpha)}/groups/{pk}/").json()
    assert data["members"][0]["name"] == "홍*동" and data["members"][0]["phone"] == ""
    api.force_authenticate(alpha.council)
    r = api.post(
        f"{base(alpha)}/groups/{pk}/decide/",
        {"approve": True, "resolution": "제1호"},
        format="json",
    )
    assert r.status_code == 400 and "10명 이상" in r.json()["message"]
    r = api.post(
        f"{base(alpha)}/groups/{pk}/decide/", {"approve": False, "resolution": "제1호", "reasons": "인원 부족"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "refused"
    api.force_authenticate(alpha.manager)
    assert api.get(f"{base(alpha)}/groups/{pk}/").json()["members"][0]["phone"] == "010-1234-5678"
    api.force_authenticate(beta.manager)
    assert api.get(f"{base(alpha)}/groups/{pk}/").status_code == 404
    # a unit of another complex in the member list is not found
    api.force_authenticate(beta.owner)
    r = api.post(
        f"{base(beta)}/groups/",
        {"name": "x", "purpose": "x", "formed_on": "2026-03-01", "main_activities": "x",
         "members": [{"name": "a", "unit": alpha.unit.pk, "is_representative": True}]},
        format="json",
    )  # fmt: skip
    assert r.status_code == 404
