"""Server-rendered pages of the foundation: dashboards, office pages and their role gates."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from complexes.models import Building, Invitation, Membership, Role, Unit, Ward

OFFICE_PAGES = [
    "complexes:building_list",
    "complexes:building_create",
    "complexes:unit_list",
    "complexes:unit_create",
    "complexes:unit_import",
    "complexes:join_codes",
    "complexes:ward_list",
    "complexes:ward_create",
    "complexes:member_list",
]


def url(name, tenant, *args):
    return reverse(name, args=[tenant.complex.slug, *args])


@pytest.mark.parametrize("name", OFFICE_PAGES)
@pytest.mark.parametrize("who", ["owner", "lessee", "council", "committee"])
def test_office_pages_refuse_non_office_roles(alpha, as_user, name, who):
    assert as_user(getattr(alpha, who)).get(url(name, alpha)).status_code == 403


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_office_pages_open_for_staff_and_manager(alpha, client, name):
    for user in (alpha.staff, alpha.manager):
        client.force_login(user)
        assert client.get(url(name, alpha)).status_code == 200


def test_district_official_gets_403_on_office_pages_and_sees_the_dashboard(
    alpha, official, as_user
):
    c = as_user(official)
    assert c.get(url("complexes:unit_list", alpha)).status_code == 403
    r = c.get(url("complexes:dashboard", alpha))
    assert r.status_code == 200 and "자치구 담당자" in r.content.decode()


def test_official_of_another_district_gets_404(alpha, as_user):
    from complexes.models import DistrictOfficial
    from tests.factories import UserFactory

    other = UserFactory()
    DistrictOfficial.objects.create(user=other, district_code="11650", district_name="서초구")
    assert as_user(other).get(url("complexes:dashboard", alpha)).status_code == 404
    assert as_user(other).get(reverse("district_dashboard", args=["11680"])).status_code == 404


def test_anonymous_is_sent_to_login(alpha, client):
    r = client.get(url("complexes:dashboard", alpha))
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


def test_resident_dashboard_shows_my_unit(alpha, as_user):
    body = as_user(alpha.owner).get(url("complexes:dashboard", alpha)).content.decode()
    assert "101동 1203호" in body and "입주자(소유자)" in body
    assert "단지 현황" not in body  # office-only summary
    lessee_body = as_user(alpha.lessee).get(url("complexes:dashboard", alpha)).content.decode()
    assert "101동 804호" in lessee_body and "101동 1203호" not in lessee_body


def test_office_dashboard_shows_the_complex(alpha, as_user):
    body = as_user(alpha.manager).get(url("complexes:dashboard", alpha)).content.decode()
    assert "단지 현황" in body and "세대 가져오기" in body


def test_home_redirects_a_single_complex_member(alpha, as_user):
    r = as_user(alpha.owner).get("/")
    assert r.status_code == 302 and r["Location"] == "/c/alpha/"


def test_home_lists_several_complexes(alpha, beta, as_user):
    from tests.factories import member

    member(beta.complex, Role.STAFF, alpha.manager)
    body = as_user(alpha.manager).get("/").content.decode()
    assert "알파아파트" in body and "베타아파트" in body


def test_district_dashboard_lists_only_its_complexes(alpha, official, as_user):
    from tests.factories import ComplexFactory

    ComplexFactory(name="서초아파트", district_code="11650", district_name="서초구")
    body = as_user(official).get("/").content.decode()  # redirected to the district page
    body = as_user(official).get(reverse("district_dashboard", args=["11680"])).content.decode()
    assert "알파아파트" in body and "서초아파트" not in body


def test_unit_import_page_shows_every_bad_row_and_writes_nothing(alpha, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = as_user(alpha.staff)
    bad = SimpleUploadedFile(
        "u.csv", b"building,unit,floor,supply_area\n105,101,1,59.9\n105,102,x,0\n"
    )
    r = c.post(url("complexes:unit_import", alpha), {"file": bad})
    body = r.content.decode()
    assert r.status_code == 200 and "아무것도 저장하지 않았습니다" in body
    assert "supply_area" in body and "숫자가 아닙니다" in body
    assert not Unit.objects.filter(complex=alpha.complex, building__name="105").exists()
    good = SimpleUploadedFile("u.csv", b"building,unit,floor,supply_area\n105,101,1,59.9\n")
    r = c.post(url("complexes:unit_import", alpha), {"file": good})
    assert r.status_code == 302
    assert Unit.objects.filter(complex=alpha.complex, building__name="105").count() == 1


def test_unit_crud(alpha, as_user):
    c = as_user(alpha.staff)
    r = c.post(
        url("complexes:unit_create", alpha),
        {
            "building": alpha.building.pk,
            "number": "1501",
            "floor": 15,
            "supply_area": "114.50",
            "type_label": "114A",
        },
    )
    assert r.status_code == 302
    unit = Unit.objects.get(complex=alpha.complex, number="1501")
    # duplicate number is refused with a message
    r = c.post(
        url("complexes:unit_create", alpha),
        {"building": alpha.building.pk, "number": "1501", "floor": 15, "supply_area": "114.50"},
    )
    assert "이미 있습니다" in r.content.decode()
    r = c.post(
        url("complexes:unit_create", alpha),
        {"building": alpha.building.pk, "number": "1502", "floor": 15, "supply_area": "0"},
    )
    assert "0보다 커야" in r.content.decode()
    # delete asks first, then deletes
    assert (
        "되돌릴 수 없습니다" in c.get(url("complexes:unit_delete", alpha, unit.pk)).content.decode()
    )
    c.post(url("complexes:unit_delete", alpha, unit.pk))
    assert not Unit.objects.filter(pk=unit.pk).exists()
    # a unit with a resident account cannot be deleted
    c.post(url("complexes:unit_delete", alpha, alpha.unit.pk))
    assert Unit.objects.filter(pk=alpha.unit.pk).exists()


def test_building_of_another_complex_is_not_offered(alpha, beta, as_user):
    c = as_user(alpha.staff)
    r = c.post(
        url("complexes:unit_create", alpha),
        {"building": beta.building.pk, "number": "1", "floor": 1, "supply_area": "10"},
    )
    assert r.status_code == 200 and not Unit.objects.filter(number="1").exists()


def test_wards_refuse_overlap_and_warn_on_imbalance(alpha, as_user):
    c = as_user(alpha.manager)
    r = c.post(
        url("complexes:ward_create", alpha), {"name": "제1선거구", "buildings": [alpha.building.pk]}
    )
    assert r.status_code == 302
    r = c.post(url("complexes:ward_create", alpha), {"name": "제2선거구", "units": [alpha.unit.pk]})
    assert "겹칩니다" in r.content.decode()
    assert Ward.objects.filter(complex=alpha.complex).count() == 1
    # Art. 17①: largest ward at most 2× the smallest — 2 units vs 1 unit is fine, 3 vs 1 is not
    b2 = Building.objects.create(complex=alpha.complex, name="102")
    small = Unit.objects.create(
        complex=alpha.complex, building=b2, number="101", floor=1, supply_area=50
    )
    c.post(url("complexes:ward_create", alpha), {"name": "제2선거구", "units": [small.pk]})
    assert "2배를 넘습니다" not in c.get(url("complexes:ward_list", alpha)).content.decode()
    Unit.objects.create(
        complex=alpha.complex, building=alpha.building, number="9901", floor=99, supply_area=50
    )
    assert "2배를 넘습니다" in c.get(url("complexes:ward_list", alpha)).content.decode()


def test_staff_may_invite_residents_but_only_the_manager_invites_staff(alpha, as_user):
    c = as_user(alpha.staff)
    r = c.post(
        url("complexes:member_list", alpha),
        {
            "email": "new@x.test",
            "role": "resident",
            "unit": alpha.unit.pk,
            "resident_kind": "lessee",
        },
    )
    assert r.status_code == 302 and len(mail.outbox) == 1
    assert "/invite/" in mail.outbox[0].body and "101동 1203호" in mail.outbox[0].body
    r = c.post(url("complexes:member_list", alpha), {"email": "s@x.test", "role": "staff"})
    assert r.status_code == 403
    r = as_user(alpha.manager).post(
        url("complexes:member_list", alpha), {"email": "s@x.test", "role": "staff"}
    )
    assert r.status_code == 302
    assert Invitation.objects.filter(complex=alpha.complex).count() == 2


def test_invitation_is_accepted_only_by_its_email(alpha, client):
    from complexes.services import invitation_create
    from tests.factories import UserFactory

    inv = invitation_create(
        complex=alpha.complex,
        email="New@X.test",
        role="resident",
        by=alpha.manager,
        unit=alpha.unit,
        resident_kind="lessee",
    )
    stranger = UserFactory(email="other@x.test")
    client.force_login(stranger)
    r = client.post(f"/invite/{inv.token}/")
    assert "new@x.test 계정용" in r.content.decode()
    invitee = UserFactory(email="new@x.test")
    client.force_login(invitee)
    r = client.post(f"/invite/{inv.token}/")
    assert r.status_code == 302 and r["Location"] == "/c/alpha/"
    m = Membership.objects.get(user=invitee)
    assert (m.role, m.unit, m.resident_kind) == ("resident", alpha.unit, "lessee")
    r = client.post(f"/invite/{inv.token}/")
    assert "이미 사용한 초대" in r.content.decode()


def test_join_code_is_printed_once_and_regenerating_voids_the_old(alpha, client, as_user):
    """Issue 12: printing (POST) shows the new code once; reprinting a unit voids its old code."""
    from tests.factories import UserFactory

    office = as_user(alpha.staff)
    r = office.post(url("complexes:join_code_regenerate", alpha, alpha.unit.pk))
    first = re.search(r'class="code">([A-Z0-9-]+)<', r.content.decode()).group(1)
    r = office.post(url("complexes:join_code_regenerate", alpha, alpha.unit.pk))
    second = re.search(r'class="code">([A-Z0-9-]+)<', r.content.decode()).group(1)
    assert first != second
    page = office.get(url("complexes:join_codes", alpha)).content.decode()
    assert first not in page and second not in page  # never shown again
    client.force_login(UserFactory())
    r = client.post("/join/", {"code": first, "name": "아무개"})
    assert "더 이상 쓸 수 없습니다" in r.content.decode()
    r = client.post("/join/", {"code": "WRONGCODE9", "name": "아무개"})
    assert "가입 코드가 맞지 않습니다" in r.content.decode()


def test_join_code_regeneration_needs_post(alpha, as_user):
    assert (
        as_user(alpha.staff)
        .get(url("complexes:join_code_regenerate", alpha, alpha.unit.pk))
        .status_code
        == 405
    )


def test_only_the_manager_revokes_roles(alpha, as_user):
    m = Membership.objects.get(user=alpha.council, complex=alpha.complex)
    assert as_user(alpha.staff).post(url("complexes:member_revoke", alpha, m.pk)).status_code == 403
    as_user(alpha.manager).post(url("complexes:member_revoke", alpha, m.pk))
    assert not Membership.objects.filter(pk=m.pk).exists()
    own = Membership.objects.get(user=alpha.manager, role="manager")
    as_user(alpha.manager).post(url("complexes:member_revoke", alpha, own.pk))
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_unit_with_kept_records_is_refused_with_a_message(alpha, as_user, api):
    """Records are kept (Art. 64①): a unit the register refers to is refused, never a 500."""
    from datetime import date

    from residents.models import Occupancy
    from tests.factories import UnitFactory

    unit = UnitFactory(building=alpha.building, number="1701", floor=17)
    Occupancy.objects.create(
        complex=alpha.complex,
        unit=unit,
        kind="owner",
        moved_in_on=date(2020, 1, 1),
        name="ALPHA 홍길동",
    )
    r = as_user(alpha.manager).post(url("complexes:unit_delete", alpha, unit.pk), follow=True)
    assert "기록이 있어 삭제할 수 없습니다" in r.content.decode()
    api.force_authenticate(alpha.manager)
    r = api.delete(f"/api/v1/complexes/alpha/units/{unit.pk}/")
    assert r.status_code == 400 and "삭제할 수 없습니다" in r.json()["message"]
    assert Unit.objects.filter(pk=unit.pk).exists()
