"""REST API of the foundation: token auth, complexes, buildings, units, wards, errors."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complexes.models import Unit, Ward

BASE = "/api/v1/complexes/alpha"


def test_token_by_email_and_password(alpha, api):
    r = api.post(
        "/api/v1/auth/token/",
        {"email": "OWNER@alpha.test", "password": "pw-123456!"},
        format="json",
    )
    assert r.status_code == 200 and len(r.json()["token"]) == 64
    api.credentials(HTTP_AUTHORIZATION=f"Token {r.json()['token']}")
    assert api.get(f"{BASE}/units/").status_code == 200
    bad = api.post(
        "/api/v1/auth/token/", {"email": "owner@alpha.test", "password": "nope"}, format="json"
    )
    assert bad.status_code == 400 and bad.json() == {
        "message": "이메일 또는 비밀번호가 맞지 않습니다.",
        "extra": {},
    }
    missing = api.post("/api/v1/auth/token/", {"email": "x"}, format="json")
    assert missing.status_code == 400
    assert set(missing.json()["extra"]["fields"]) == {"email", "password"}


def test_anonymous_gets_401_or_403(alpha, api):
    assert api.get(f"{BASE}/units/").status_code in (401, 403)
    assert api.get("/api/v1/complexes/").status_code in (401, 403)


def test_complexes_lists_only_mine_with_roles(alpha, beta, api):
    api.force_authenticate(alpha.owner)
    r = api.get("/api/v1/complexes/")
    assert [c["slug"] for c in r.json()["results"]] == ["alpha"]
    assert r.json()["results"][0]["roles"] == ["resident"]
    assert api.get("/api/v1/complexes/alpha/").json()["name"] == "알파아파트"
    assert api.get("/api/v1/complexes/beta/").status_code == 404
    assert api.get("/api/v1/complexes/nope/").json() == {
        "message": "찾을 수 없습니다.",
        "extra": {},
    }


def test_members_read_units_office_writes(alpha, api):
    api.force_authenticate(alpha.owner)
    r = api.get(f"{BASE}/units/")
    assert r.status_code == 200 and r.json()["count"] == 2
    assert {u["label"] for u in r.json()["results"]} == {"101동 1203호", "101동 804호"}
    payload = {"building": "101", "number": "1501", "floor": 15, "supply_area": "114.50"}
    assert api.post(f"{BASE}/units/", payload, format="json").status_code == 403
    api.force_authenticate(alpha.staff)
    r = api.post(f"{BASE}/units/", payload, format="json")
    assert r.status_code == 201 and r.json()["label"] == "101동 1501호"
    unit_id = r.json()["id"]
    assert api.patch(f"{BASE}/units/{unit_id}/", {"floor": 14}, format="json").json()["floor"] == 14
    assert api.delete(f"{BASE}/units/{unit_id}/").status_code == 204


def test_unit_errors_name_the_field(alpha, api):
    api.force_authenticate(alpha.staff)
    r = api.post(
        f"{BASE}/units/",
        {"building": "101", "number": "1203", "floor": 12, "supply_area": "-1"},
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["message"] == "입력값을 확인해 주세요."
    assert "supply_area" in r.json()["extra"]["fields"]
    r = api.post(
        f"{BASE}/units/",
        {"building": "101", "number": "1203", "floor": 12, "supply_area": "84.97"},
        format="json",
    )
    assert r.json()["extra"]["fields"]["number"] == ["101동 1203호가 이미 있습니다."]
    r = api.post(
        f"{BASE}/units/",
        {"building": "999", "number": "1", "floor": 1, "supply_area": "1"},
        format="json",
    )
    assert "building" in r.json()["extra"]["fields"]


def test_unit_with_resident_cannot_be_deleted(alpha, api):
    api.force_authenticate(alpha.manager)
    r = api.delete(f"{BASE}/units/{alpha.unit.pk}/")
    assert r.status_code == 400 and "입주자 계정" in r.json()["message"]


def test_other_complex_objects_are_404(alpha, beta, api):
    api.force_authenticate(alpha.manager)
    assert api.get(f"{BASE}/units/{beta.unit.pk}/").status_code == 404
    assert (
        api.patch(f"{BASE}/units/{beta.unit.pk}/", {"floor": 1}, format="json").status_code == 404
    )
    assert api.get("/api/v1/complexes/beta/units/").status_code == 404


def test_import_through_the_api(alpha, api):
    api.force_authenticate(alpha.staff)
    bad = SimpleUploadedFile(
        "u.csv", b"building,unit,floor,supply_area\n103,101,x,59.9\n103,102,1,0\n"
    )
    r = api.post(f"{BASE}/units/import/", {"file": bad}, format="multipart")
    assert r.status_code == 400
    assert [(e["line"], e["column"]) for e in r.json()["extra"]["rows"]] == [
        (2, "floor"),
        (3, "supply_area"),
    ]
    good = SimpleUploadedFile("u.csv", b"building,unit,floor,supply_area\n103,101,1,59.9\n")
    r = api.post(f"{BASE}/units/import/", {"file": good}, format="multipart")
    assert r.json() == {"created": 1, "updated": 0, "unchanged": 0, "buildings_created": 1}
    api.force_authenticate(alpha.owner)
    assert api.post(f"{BASE}/units/import/", {"file": good}, format="multipart").status_code == 403


def test_wards_through_the_api(alpha, api):
    api.force_authenticate(alpha.manager)
    r = api.post(f"{BASE}/wards/", {"name": "제1선거구", "buildings": ["101"]}, format="json")
    assert r.status_code == 201 and r.json()["households"] == 2
    r = api.post(f"{BASE}/wards/", {"name": "제2선거구", "units": [alpha.unit.pk]}, format="json")
    assert r.status_code == 400 and "겹칩니다" in r.json()["message"]
    assert Ward.objects.filter(complex=alpha.complex).count() == 1


def test_unit_list_query_count_is_constant(alpha, api):
    from tests.factories import UnitFactory

    api.force_authenticate(alpha.staff)
    api.get(f"{BASE}/units/")  # the user's roles are then cached (core.tenancy), as for `many`
    with CaptureQueriesContext(connection) as few:
        api.get(f"{BASE}/units/")
    UnitFactory.create_batch(20, building=alpha.building)
    with CaptureQueriesContext(connection) as many:
        r = api.get(f"{BASE}/units/")
    assert r.json()["count"] == 22
    assert len(many) == len(few)


def test_schema_and_docs(db, client):
    r = client.get("/api/schema/")
    assert r.status_code == 200 and b"/api/v1/complexes/{slug}/units/" in r.content
    assert client.get("/api/docs/").status_code == 200


def test_units_filter_by_building(alpha, api):
    from tests.factories import BuildingFactory, UnitFactory

    UnitFactory(building=BuildingFactory(complex=alpha.complex, name="102"), number="101", floor=1)
    api.force_authenticate(alpha.owner)
    r = api.get(f"{BASE}/units/?building__name=102")
    assert [u["label"] for u in r.json()["results"]] == ["102동 101호"]
    assert Unit.objects.filter(complex=alpha.complex).count() == 3


def test_office_prints_a_join_code_by_api_and_the_old_stops_working(alpha, beta, api):
    """Issue 12: a new code per POST, shown once; the unit's previous code is void."""
    from complexes.join_codes import code_digest
    from complexes.models import JoinCode

    path = f"/api/v1/complexes/alpha/units/{alpha.unit.pk}/join-code/"
    api.force_authenticate(alpha.staff)
    first = api.post(path)
    assert first.status_code == 201 and len(first.json()["code"]) == 11
    second = api.post(path).json()["code"]
    old = JoinCode.objects.get(digest=code_digest(first.json()["code"]))
    assert old.voided_at is not None
    assert JoinCode.objects.get(digest=code_digest(second)).voided_at is None
    for who in (alpha.owner, alpha.lessee, alpha.council):
        api.force_authenticate(who)
        assert api.post(path).status_code == 403
    api.force_authenticate(beta.manager)
    assert api.post(path).status_code == 404
    assert api.post(f"/api/v1/complexes/beta/units/{alpha.unit.pk}/join-code/").status_code == 404
