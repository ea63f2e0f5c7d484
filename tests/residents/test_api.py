"""The residents API: role matrix for personal data, ownership (404), rules as 400, query counts."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complexes.models import ResidentKind
from residents import services
from residents.models import Complaint, Notice

from .helpers import move_in

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/alpha"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def entry(alpha):
    return move_in(alpha.unit, name="김민준", phone="010-1234-5678")


@pytest.mark.parametrize("who", ["council", "committee", "owner", "lessee"])
def test_register_api_403_for_non_office(alpha, entry, api, who):
    api.force_authenticate(getattr(alpha, who))
    assert api.get(f"{BASE}/residents/").status_code == 403
    assert api.get(f"{BASE}/residents/{entry.pk}/").status_code == 403
    assert api.post(f"{BASE}/residents/", {}, format="json").status_code == 403


def test_register_api_403_for_district_official(alpha, entry, api, official):
    api.force_authenticate(official)
    r = api.get(f"{BASE}/residents/")
    assert r.status_code == 403 and "김민준" not in r.content.decode()
    assert api.get(f"{BASE}/units/{alpha.unit.pk}/residents/").status_code == 403


def test_register_api_404_for_another_complex(alpha, beta, entry, api):
    api.force_authenticate(beta.manager)
    assert api.get(f"{BASE}/residents/").status_code == 404
    assert api.get(f"/api/v1/complexes/beta/residents/{entry.pk}/").status_code == 404
    assert api.get(f"/api/v1/complexes/beta/units/{alpha.unit.pk}/residents/").status_code == 404


def test_office_creates_moves_out_and_gets_rule_errors_as_400(alpha, api):
    api.force_authenticate(alpha.staff)
    r = api.post(
        f"{BASE}/residents/",
        {
            "unit": alpha.lessee_unit.pk,
            "kind": "lessee",
            "moved_in_on": "2025-03-01",
            "name": "이서연",
            "vehicles": [{"plate": "34나5678", "car_type": "아반떼"}],
            "members": [{"relation": "배우자", "name": "박준호"}],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["vehicles"] == [{"plate": "34나5678", "car_type": "아반떼"}]
    r = api.post(
        f"{BASE}/residents/",
        {"unit": alpha.lessee_unit.pk, "kind": "lessee", "moved_in_on": "2025-06-01", "name": "x"},
        format="json",
    )
    assert r.status_code == 400 and "겹칩니다" in r.json()["message"]
    r = api.post(f"{BASE}/residents/{pk}/move-out/", {"moved_out_on": "2025-02-28"}, format="json")
    assert r.status_code == 400 and "입주일" in r.json()["message"]
    r = api.post(f"{BASE}/residents/{pk}/move-out/", {"moved_out_on": "2026-01-31"}, format="json")
    assert r.status_code == 200 and r.json()["moved_out_on"] == "2026-01-31"
    r = api.patch(f"{BASE}/residents/{pk}/", {"phone": "010-2222-3333"}, format="json")
    assert r.status_code == 200 and r.json()["phone"] == "010-2222-3333"


def test_unit_residents_resident_sees_own_only(alpha, api, entry):
    move_in(alpha.unit, kind=ResidentKind.LESSEE, moved_in_on=date(2025, 1, 1), name="임차인")
    api.force_authenticate(alpha.owner)
    r = api.get(f"{BASE}/units/{alpha.unit.pk}/residents/")
    assert r.status_code == 200
    assert [o["name"] for o in r.json()["results"]] == ["김민준"]
    assert api.get(f"{BASE}/units/{alpha.lessee_unit.pk}/residents/").status_code == 403
    api.force_authenticate(alpha.staff)
    assert len(api.get(f"{BASE}/units/{alpha.unit.pk}/residents/").json()["results"]) == 2


def test_complaints_api_resident_own_office_all(alpha, api):
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{BASE}/complaints/",
        {
            "category": "facility",
            "unit": alpha.unit.pk,
            "title": "누수",
            "body": "물이 샙니다",
            "files": [SimpleUploadedFile("a.png", PNG)],
        },
        format="multipart",
    )
    assert r.status_code == 201, r.json()
    cid = r.json()["id"]
    assert r.json()["attachments"][0]["content_type"] == "image/png"
    # not for somebody else's unit
    r = api.post(
        f"{BASE}/complaints/",
        {"category": "facility", "unit": alpha.lessee_unit.pk, "title": "t", "body": "b"},
        format="json",
    )
    assert r.status_code == 403
    api.force_authenticate(alpha.lessee)
    assert api.get(f"{BASE}/complaints/").json()["count"] == 0
    assert api.get(f"{BASE}/complaints/{cid}/").status_code == 404
    api.force_authenticate(alpha.council)
    assert api.get(f"{BASE}/complaints/").status_code == 403
    api.force_authenticate(alpha.staff)
    assert api.get(f"{BASE}/complaints/").json()["count"] == 1
    assert (
        api.post(
            f"{BASE}/complaints/{cid}/assign/", {"assignee": alpha.staff.pk}, format="json"
        ).status_code
        == 200
    )
    r = api.post(f"{BASE}/complaints/{cid}/close/", {"text": "교체 완료"}, format="json")
    assert r.json()["status"] == "closed"
    assert (
        api.post(f"{BASE}/complaints/{cid}/close/", {"text": "x"}, format="json").status_code == 400
    )
    api.force_authenticate(alpha.owner)
    assert (
        api.post(f"{BASE}/complaints/{cid}/reopen/", {"text": "x"}, format="json").status_code
        == 403
    )
    events = api.get(f"{BASE}/complaints/{cid}/events/").json()["results"]
    assert [e["kind"] for e in events] == ["filed", "assigned", "closed"]


def test_events_internal_hidden_and_resident_cannot_write_actions(alpha, api):
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="parking",
        title="t",
        body="b",
    )
    api.force_authenticate(alpha.staff)
    assert (
        api.post(
            f"{BASE}/complaints/{c.pk}/events/", {"text": "내부", "kind": "internal"}, format="json"
        ).status_code
        == 201
    )
    api.force_authenticate(alpha.owner)
    texts = [e["text"] for e in api.get(f"{BASE}/complaints/{c.pk}/events/").json()["results"]]
    assert "내부" not in texts
    assert (
        api.post(
            f"{BASE}/complaints/{c.pk}/events/", {"text": "x", "kind": "action"}, format="json"
        ).status_code
        == 403
    )
    assert (
        api.post(
            f"{BASE}/complaints/{c.pk}/events/", {"text": "언제 오나요"}, format="json"
        ).status_code
        == 201
    )


def test_dispute_api_order(alpha, api):
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="noise",
        title="t",
        body="b",
    )
    api.force_authenticate(alpha.staff)
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    r = api.post(
        f"{BASE}/complaints/{c.pk}/dispute/",
        {"step": "committee_meeting", "happened_on": today},
        format="json",
    )
    assert r.status_code == 400 and "다음 단계" in r.json()["message"]
    r = api.post(
        f"{BASE}/complaints/{c.pk}/dispute/",
        {"step": "investigated", "happened_on": today},
        format="json",
    )
    assert r.status_code == 200 and r.json()["dispute_step"] == "investigated"


def test_notices_api(alpha, api):
    api.force_authenticate(alpha.staff)
    r = api.post(
        f"{BASE}/notices/",
        {
            "title": "소독",
            "body": "방역 안내",
            "audience": "building",
            "building": alpha.building.name,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    r = api.post(
        f"{BASE}/notices/", {"title": "x", "body": "y", "statutory_kind": "minutes"}, format="json"
    )
    assert r.status_code == 400
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/notices/").json()["count"] == 1
    assert (
        api.post(f"{BASE}/notices/", {"title": "x", "body": "y"}, format="json").status_code == 403
    )
    api.force_authenticate(alpha.council)
    assert api.get(f"{BASE}/notices/").json()["count"] == 0  # not in 101동


def test_list_query_counts_are_pinned(alpha, api):
    for i in range(12):
        services.complaint_file(
            complex=alpha.complex,
            by=alpha.owner,
            unit=alpha.unit,
            category="other",
            title=f"{i}",
            body="b",
            files=[SimpleUploadedFile("a.png", PNG)],
        )
        services.notice_save(notice=Notice(complex=alpha.complex, title=f"{i}", body="b"), by=None)
    for i, unit in enumerate([alpha.unit, alpha.lessee_unit]):
        move_in(unit, moved_in_on=date(2020, 1, 1 + i), vehicles=[("1가1", "")])
    api.force_authenticate(alpha.staff)
    api.get(f"{BASE}/notices/")  # the staff member's roles are cached from then on (core.tenancy)
    counts = {}
    for name in ("complaints", "notices", "residents"):
        with CaptureQueriesContext(connection) as q:
            assert api.get(f"{BASE}/{name}/").status_code == 200
        counts[name] = len(q)
    # 12 complaints with photos, 12 notices, 2 entries with cars: independent of the row count
    assert counts == {"complaints": 3, "notices": 2, "residents": 4}
    assert Complaint.objects.count() == 12
